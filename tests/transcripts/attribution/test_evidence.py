"""Each kind of evidence on short made-up turns: who speaks a turn, and why."""

import pytest

from transcripts.attribution.addressing import thanked_at_start
from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import (
    ADDRESSED,
    THANKED,
    TURNED_AWAY,
    gather_evidence,
    host_points,
    names_oneself,
    talks_before_its_ending,
)
from transcripts.attribution.mentions import describe_turns, is_vocative

OPENING = "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a reporter."


def test_a_self_introduction_names_its_own_turn():
    labels = attribute_turns(
        [
            "Welcome, everybody, to the show.",
            "Hello.",
            "And I'll be running point today, I'm Carmen Ortiz. Welcome again.",
        ]
    ).labels
    assert labels[2] == "Carmen Ortiz"


def test_my_name_is_in_a_welcoming_turn_makes_the_host():
    cast = find_cast(["Welcome to another episode. My name is Chris Bell, I host this show."])
    assert cast.host.label == "Chris Bell"


def test_a_name_at_the_end_of_a_turn_points_at_the_next_turn():
    labels = attribute_turns(
        [
            "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a reporter, "
            "and Marcus Lee, a planner. Marcus, what do you see?",
            "I see more housing near the stations than anywhere else in the region.",
        ]
    ).labels
    assert labels == ["Dana Whitfield", "Marcus Lee"]


def test_thanks_by_name_opening_a_turn_points_at_the_turn_before():
    labels = attribute_turns(
        [
            "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a "
            "reporter, and Marcus Lee, a planner.",
            "Well, the law changed last year and the cities are still working out what it means.",
            "Thank you, Marcus. Let's take a break.",
        ]
    ).labels
    assert labels[1] == "Marcus Lee"


def test_a_name_opening_an_answer_points_at_the_question_before():
    turns = [
        "We will hear argument first this morning in Case 10-1. Mr. Long.",
        "Thank you, and may it please the Court. The statute bars this suit until the tax is paid.",
        "But what does the word penalty mean in this statute, if not a tax?",
        "Justice Ortiz, I think the word means what Congress said it means, and nothing more than "
        "that. The text is clear.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[1] == "Mr. Long"  # put on by "Mr. Long."
    assert labels[2] == "Justice Ortiz"  # the one the answer names
    assert labels[3] != "Justice Ortiz"


@pytest.mark.parametrize(
    ("hand_over", "name"),
    [
        # a moderator putting a reporter on the line
        (
            "Thanks, everybody. For our first question we'll go to Phil Stewart from Reuters.",
            "Phil Stewart",
        ),
        # handing the floor over by name
        (
            "Good evening, and thank you all for joining. I'll turn it over to Ana Ortiz.",
            "Ana Ortiz",
        ),
    ],
)
def test_putting_someone_on_by_name_names_the_next_turn(hand_over, name):
    answer = "Thanks. Tonight the strikes began, and they will go on for some time yet, I think."
    assert attribute_turns([hand_over, answer]).labels[1] == name


def test_a_person_saying_their_own_name_is_not_its_speaker():
    labels = attribute_turns(
        [
            OPENING + " Welcome, Priya.",
            "Thanks for having me, Dana. My editor, Priya, would say the same.",
        ]
    ).labels
    assert labels[1] != "Dana Whitfield"


def test_thanks_for_having_me_is_a_guest_not_the_host():
    labels = attribute_turns([OPENING + " Welcome, Priya.", "Thanks for having me."]).labels
    assert labels == ["Dana Whitfield", "Priya Raman"]


@pytest.mark.parametrize(
    "opening",
    [
        "Good evening, and thank you all for joining this press call on the budget.",
        "Hey, everyone. Thanks for bearing with us this morning.",
    ],
)
def test_greeting_the_audience_is_a_hosts_work_and_greeting_the_host_is_not(opening):
    cast = find_cast([opening, "Hi, Dana. Glad to be here."])
    turns = [opening, "Hi, Dana. Glad to be here."]
    scores = gather_evidence(describe_turns(turns, cast), cast)
    assert scores[0][0] >= 0 > scores[1][0]


def test_a_voice_nobody_names_is_numbered_never_given_a_name():
    labels = attribute_turns(
        [
            "Welcome to Harbor Hour, I'm Dana Whitfield. Tell me about your town.",
            "It is a fishing town, and most people there work on the boats or in the cannery.",
            "And how long have you lived there?",
            "All my life, like my parents and their parents before them.",
        ]
    ).labels
    assert labels[0] == labels[2] == "Dana Whitfield"
    assert labels[1] == labels[3] == "Speaker 2"


def test_a_title_alone_is_not_a_name():
    cast = find_cast(["Mr. President, welcome back.", "Thank you, Mr. Chief Justice."])
    assert [person.label for person in cast.people if person.named] == []


def test_an_answer_naming_the_asker_gives_them_the_turn_before_even_a_mere_yes():
    labels = attribute_turns(
        [
            "We will hear argument this morning. Mr. Reyes.",
            "Thank you. May it please the court, the statute means what it says.",
            "Does it cover boats?",
            "Boats?",
            "Yes.",
            "Yes, Justice Okafor, I think it does.",
        ]
    ).labels
    assert labels[4] == "Justice Okafor"
    assert labels[5] != "Justice Okafor"


def test_a_caller_has_gone_once_the_next_is_put_on_the_line():
    turns = [
        "Welcome to Harbor Hour, I'm Dana Whitfield. Let's go to Omar in Fresno. Welcome.",
        "Hi Dana, thanks for taking my call. Rents here doubled in five years and nobody builds.",
        "Thank you, Omar. Let's go to Lena in Tulare. Welcome.",
        "Hi, thanks. I think the water is the bigger problem for all of us out here, honestly.",
        "And what would you do about it?",
        "I would start by paying farmers to fallow the driest fields for a few seasons at least.",
    ]
    cast = find_cast(turns)
    omar = next(p for p, person in enumerate(cast.people) if person.label == "Omar")
    facts = describe_turns(turns, cast)
    scores = gather_evidence(facts, cast)
    assert all(scores[t][omar] < 0 for t in (3, 5))
    assert attribute_turns(turns).labels[5] == "Lena"


def test_after_a_mere_thanks_for_having_me_the_one_who_said_it_is_not_the_one_to_come_back():
    labels = attribute_turns(
        [
            "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a "
            "reporter. Welcome, Priya.",
            "Thanks so much for having me, Dana.",
            "And we're also joined by Marcus Lee, a planner.",
            "Thanks for having me.",
            "So what does the new law say?",
            "It lets anyone build six stories near a station, and cities can no longer say no.",
            "And who is arguing against it? Priya, you covered the hearings.",
            "Mostly homeowners, and a few cities that say they lose control of their streets.",
        ]
    ).labels
    # Marcus's "Thanks for having me" (3) does not make him the one to answer (5):
    # the host turns to Priya after the answer, so it was not hers; and she goes on.
    assert labels[5] == "Marcus Lee"
    assert labels[7] == "Priya Raman"


COURT = [
    "We will hear argument this morning in the river case. Mr. Reyes.",
    "Mr. Chief Justice, and may it please the Court: the compact governs the river and "
    "every share of its water.",
    "Why doesn't the compact say so then, if it governs the river as you claim it does?",
    "Justice Okafor, that is our position: the second article sets the shares.",
    "Well, it seems to me the shares could be read either way by a reasonable reader of it.",
    "No, Mr. Chief Justice, the shares are fixed by the formula in the appendix.",
]


def test_answering_someone_addressed_by_office_alone_gives_the_turn_before_to_them():
    """ "No, Mr. Chief Justice": the question was the Chief Justice's, whom the text
    never names, not Justice Okafor's, whose answer named her at its start."""
    labels = attribute_turns(COURT).labels
    assert labels[2] == "Justice Okafor"
    assert labels[4] != "Justice Okafor"
    assert labels[1] == "Mr. Reyes"


def test_an_office_said_to_its_holder_is_a_person_of_the_cast():
    cast = find_cast(["Thank you, Mr. Chief Justice.", "Go ahead.", "Mr. Chief Justice, yes."])
    holders = [person for person in cast.people if person.introduced_as == "Chief Justice"]
    assert len(holders) == 1 and not holders[0].named
    cast = find_cast(["We are joined by President Lee.", "Thank you.", "Mr. President, why?"])
    assert [p.label for p in cast.people if p.introduced_as == "President"] == ["President Lee"]


def test_an_office_said_to_its_holder_takes_the_name_the_page_gives_that_office():
    """ "Chief Justice Ann Lowe presides." in the description: the one spoken to as "Mr.
    Chief Justice" is Ann Lowe, whom no turn names."""
    turns = ["Thank you, Mr. Chief Justice.", "Go ahead.", "Mr. Chief Justice, yes."]

    def holders(about):
        cast = find_cast(turns, about=["The river case", about])
        return [p for p in cast.people if p.introduced_as == "Chief Justice"]

    assert [p.label for p in holders("Chief Justice Ann Lowe presides.")] == ["Ann Lowe"]
    assert [p.label for p in holders("Chief Justice Lowe presides.")] == ["Chief Justice Lowe"]
    # A page naming another office, or two holders of this one, names nobody here;
    # nor do the turns, which talk of other holders of an office.
    assert [p.named for p in holders("Chief Judge Ann Lowe presides.")] == [False]
    assert [p.named for p in holders("Chief Justice Lowe, then Chief Justice Hale.")] == [False]
    # A title-cased headline's words are no name.
    assert [p.named for p in holders("Chief Justice Lowe Presides Over River Case")] == [False]
    assert [p.named for p in holders("The Chief Justice Lowe Court: A Look Back")] == [False]
    assert [p.named for p in holders("Chief Justice Lowe Dissents.")] == [False]
    assert [p.named for p in holders("Chief Justice Lowe's Court hears a case.")] == [False]
    cast = find_cast([*turns, "As Chief Justice Hale wrote, the shares are fixed."])
    assert [p.named for p in cast.people if p.introduced_as == "Chief Justice"] == [False]


def test_the_turns_answered_to_an_office_go_to_the_one_the_page_names_in_it():
    """The argument of ``COURT``, its page naming the Chief Justice: the question answered
    "No, Mr. Chief Justice" is Ann Lowe's; Justice Okafor's answered question stays hers,
    and the one who calls counsel on is no one the page names."""
    about = ["The river case", "Chief Justice Ann Lowe presides."]
    labels = attribute_turns(COURT, about=about).labels
    assert labels[4] == "Ann Lowe"
    assert labels[2] == "Justice Okafor"
    assert labels[1] == "Mr. Reyes"
    assert labels.count("Ann Lowe") == 1


PANEL = (
    "Welcome to Byte Talk. I'm Nora Vance. Here with us are Omar Haddad and Lena Fischer "
    "of the compiler team."
)


def evidence_for(turns):
    cast = find_cast(turns)
    people = {person.label: p for p, person in enumerate(cast.people) if person.named}
    return people, gather_evidence(describe_turns(turns, cast), cast)


def test_a_name_set_apart_by_a_comma_after_a_word_is_spoken_to():
    """ "... what that update is, Lena?": "is" before the name does not make it talked about."""
    turns = [
        PANEL + " So maybe you can tell us what that update is, Lena?",
        "Sure. We dropped the old syntax and moved everything over to interfaces instead.",
    ]
    people, scores = evidence_for(turns)
    assert scores[1][people["Lena Fischer"]] > 0
    assert attribute_turns(turns).labels[1] == "Lena Fischer"


def test_two_people_addressed_together_may_either_answer():
    turns = [
        PANEL + " Omar, or Lena, what are the trade-offs of either syntax, in your mind?",
        "The advantage of parentheses is that type parameters really are parameters, I think.",
    ]
    people, scores = evidence_for(turns)
    omar, lena = scores[1][people["Omar Haddad"]], scores[1][people["Lena Fischer"]]
    assert omar == lena > 0
    assert attribute_turns(turns).labels[1] != "Nora Vance"


def test_a_long_answer_handing_over_by_name_does_not_sound_like_the_host():
    """A panellist ends a long answer by turning to the other guest: the long
    answer still counts against the host."""
    answer = (
        "Well, a lot of the feedback has been about the syntax. That is the least interesting "
        "and the most accessible part of the design. We are paying attention to it, and we "
        "read every comment on the issue tracker and on the mailing list. Some of them are "
        "very long, and a few propose whole new languages. We answer as many as we can, but "
        "not all of them, since there are only two of us and the tool takes most of our week. "
        "We have changed a few things since "
        "the first draft, mostly around brackets and how a parser can read a call without "
        "knowing the types. People have written a good deal of code with the tool by now. The "
        "feedback on the meaning has been positive so far. Omar, do you remember any real "
        "concern?"
    )
    short = "Omar, do you remember any real concern about the syntax?"
    turns = [PANEL + " Lena, how has the feedback been?", answer, short]
    _people, scores = evidence_for(turns)
    assert scores[1][0] < scores[2][0]


@pytest.mark.parametrize(
    "hand_over",
    [
        "I'll let Ana Ruiz take the first one, Dana, and then I'll come back to the second.",
        "On the first part I'll defer to Ana, although you asked it well, Dana.",
        "I'll kick it over to Ruiz for the first part of that, Dana.",
    ],
)
def test_handing_the_floor_to_someone_names_the_next_turn_whoever_else_is_spoken_to(hand_over):
    turns = [
        "Good evening, we're joined by John Cole, the spokesman, and Ana Ruiz, the director of "
        "operations. For our first question we'll go to Dana Park from the Herald.",
        "Thanks. Did the strikes hit the depots, and will there be more of them tonight?",
        hand_over,
        "Yes, sir. We struck the depots, all seven of them, and the damage is still assessed.",
    ]
    assert attribute_turns(turns).labels[3] == "Ana Ruiz"


BENCH = [
    "We will hear argument this morning in the first case. Mr. Hale.",
    "Mr. Chief Justice, and may it please the Court: the statute is plain on its face.",
    "Justice Ward, could you turn to the second clause, the one about the penalties?",
    "Yes.",
    "I ask because the penalties are collected with the taxes, which is the whole question.",
]


def test_a_short_answer_right_after_a_question_by_name_is_the_one_asked():
    """ "Yes." answers the question put to Ward: the points go to it, not past it."""
    people, scores = evidence_for(BENCH)
    ward = people["Justice Ward"]
    assert scores[3][ward] > 0
    assert scores[4][ward] <= 0


def test_an_answer_turning_to_someone_in_passing_does_not_hand_them_the_floor():
    turns = [
        "Is the statute plain on its face, or does it need the committee report to be read?",
        "Justice Lane, the statute is plain on its face.",
        "Why is the second clause there at all, if the first clause already covers it?",
        "Justice Ward, it covers the penalties. And I do think, Justice Lane, going back to "
        "your question, that the history bears this out. The clause was added in 1938.",
        "But the history cuts the other way, as the committee report itself makes clear.",
    ]
    people, scores = evidence_for(turns)
    assert scores[4][people["Justice Lane"]] <= 0
    handing_over = [*turns[:3], turns[3] + " Justice Lane, do you agree?", turns[4]]
    people, scores = evidence_for(handing_over)
    assert scores[4][people["Justice Lane"]] > 0


def test_a_name_alone_ending_a_turn_gives_the_floor_and_answers_nobody():
    turns = [
        "Thank you, counsel, the case is submitted.",
        "Thank you.",
        "Mr. Katsas.",
        "Mr. Chief Justice, and may it please the Court: let me begin with jurisdiction.",
    ]
    people, scores = evidence_for(turns)
    katsas = people["Mr. Katsas"]
    assert scores[1][katsas] <= 0
    assert scores[3][katsas] > 0


def test_a_short_question_is_the_turn_an_answer_points_back_at():
    """ "The President said it wasn't a tax, didn't he?" is short, but it is what
    "..., Justice Ueda" answers: the long turn before it gets no points for her."""
    turns = [
        "Ms. Park, is there any case that reads it your way, in all the years since?",
        "Yes, the harbor cases do, and they are recent and unanimous and they bind us.",
        "But they were about ferries, weren't they?",
        "They were, Justice Ueda, and ferries are what this statute is about as well.",
    ]
    people, scores = evidence_for(turns)
    ueda = people["Justice Ueda"]
    assert scores[2][ueda] > 0
    assert scores[1][ueda] <= 0


def test_a_name_after_the_sentences_opening_word_and_a_comma_is_spoken_to():
    """ "And, Lena, you touched on this ...": the comma after "And" sets the name apart
    as surely as after a lowercase word; without the comma it is talked about."""

    def spoken_to(sentence, name):
        start = sentence.index(name)
        return is_vocative(sentence, start, start + len(name))

    assert spoken_to("And, Lena, you touched on this, but can you say more?", "Lena")
    assert spoken_to("So, Lena, what changed?", "Lena")
    assert not spoken_to("And Lena, the planner, wrote the proposal.", "Lena")
    assert not spoken_to("And, Lena's team wrote the proposal.", "Lena")


def test_closing_the_programme_is_the_hosts_work():
    """ "This concludes our press call" is the moderator's; a study "that concludes
    the drug works" is anyone's."""
    turns = [
        OPENING,
        "Thank you. This concludes our hour for tonight, and thanks to all of you.",
        "Thank you. The study that concludes the drug works was small, and it was early.",
    ]
    cast = find_cast(turns)
    facts = describe_turns(turns, cast)
    assert host_points(facts[1], 1, cast) > host_points(facts[2], 2, cast)


DEBATE = [
    "Good evening, and welcome to tonight's debate. I'm Dana Price.",
    "Let's begin with the economy. You have two minutes. What would you do, Governor Hale?",
    "Thank you, Dana. Prices are too high, and families feel it every week at the store.",
]


@pytest.mark.parametrize(
    "hand_over",
    ["Mr. President, your rebuttal.", "Mr. President, you have ninety seconds."],
)
def test_a_moderator_giving_someone_the_floor_is_not_answering_them(hand_over):
    """ "Mr. President, your rebuttal." hands over: the next turn is the president's,
    the turn before is not."""
    turns = [
        *DEBATE,
        hand_over,
        "Well, she has had four years to do it, and prices went up because of the spending.",
    ]
    cast = find_cast(turns)
    president = next(p for p, p_ in enumerate(cast.people) if p_.introduced_as == "President")
    scores = gather_evidence(describe_turns(turns, cast), cast)
    assert scores[2][president] <= 0 < scores[4][president]
    labels = attribute_turns(turns).labels
    assert labels[2] == "Governor Hale" and labels[4] != "Governor Hale"


def test_an_answer_opening_with_the_askers_title_still_answers_them():
    turns = [*DEBATE, "Mr. President, I think the record speaks for itself on prices."]
    cast = find_cast(turns)
    president = next(p for p, p_ in enumerate(cast.people) if p_.introduced_as == "President")
    scores = gather_evidence(describe_turns(turns, cast), cast)
    assert scores[2][president] > 0


def test_a_word_the_page_writes_in_lowercase_is_no_misspelt_name():
    """ "Again, you know, ..." is not a misspelt "Kagan" when the page says "again" too;
    "Kagen" still is, and "General" (a word of "General Sims") still names him."""
    turns = [
        "Thank you, Justice Kagan. Thank you, General Sims.",
        "Again, you know, the statute says it again and again, as a general matter.",
        "Kagen, what do you think?",
        "General, could you take that one?",
    ]
    cast = find_cast(turns)
    named = [
        [cast.people[m.person].label for m in fact.mentions] for fact in describe_turns(turns, cast)
    ]
    assert named[1:] == [[], ["Justice Kagan"], ["General Sims"]]


def test_a_question_to_both_guests_leaves_the_answer_to_either():
    """ "Have you guys ...?": the guest who spoke before the asker is no likelier to answer."""
    turns = [
        PANEL + " Lena, how has the feedback been so far?",
        "Mostly about the syntax, which is the least interesting part, but we read all of it.",
        "Have you guys talked to the people who build editors and tools about any of this?",
        "We have talked to the people who maintain the language server, and they were fine.",
    ]
    assert attribute_turns(turns).labels[3] != "Lena Fischer"
    one_guest = [*turns[:2], "Have you talked to the people who build editors about it?", turns[3]]
    assert attribute_turns(one_guest).labels[3] == "Lena Fischer"


def test_an_introduction_after_a_comma_is_not_an_answer_to_the_one_introduced():
    """ "With us are our hosts, Sam Okafor...": the turn before is not Sam's."""
    turns = [PANEL, "Hello, everybody.", "And also with us are our hosts, Sam Okafor..."]
    cast = find_cast(turns)
    sam = next(p for p, person in enumerate(cast.people) if person.label == "Sam Okafor")
    scores = gather_evidence(describe_turns(turns, cast), cast)
    assert scores[1][sam] <= 0


@pytest.mark.parametrize(
    "text, talks",
    [
        # a long answer handing over: sixty words and more before its ending
        (
            " ".join(
                ["We tried square brackets first, and the parser could not tell them apart."] * 10
            )
            + " So that is the trouble. Robert, do you want to talk about parsing?",
            True,
        ),
        # a short lead-in and a question: the whole turn is its ending
        ("We read all the feedback. Robert, do you want to talk about parsing?", False),
        (
            "So the parser is the trouble, and it has been for a while now, as everybody knows. "
            "Which of the two would you pick, and why?",
            False,
        ),
    ],
)
def test_a_turn_talks_before_its_ending_when_its_body_is_long(text, talks):
    cast = find_cast([text])
    assert talks_before_its_ending(describe_turns([text], cast)[0]) is talks


PRESS_CALL = [
    "Good evening. Joining us are Admiral Dana Cole and General Ray Ortiz. "
    "For our first question we'll go to Kim Park from the Herald.",
    "Thanks. Can you tell us how many ships took part tonight?",
    "I'll turn it to the General on that one.",
    "Six ships took part, and all of them are back in port now, with no damage at all to "
    "any of them, and we will have more to say in the morning about what they struck.",
]


@pytest.mark.parametrize(
    ("courtesy", "thanked_turn", "other_turn"),
    [
        ("Thank you for taking my question.", 4, 3),  # the questioner's own thanks
        ("Thank you.", 4, 3),  # thanks and nothing else: answered in kind
        ("Okay, thanks so much.", 4, 3),
        ("Right.", 3, 4),  # a listener's word: the thanks are for the answer before it
        # a guest's leaving words: someone else is thanked for the answer before them
        ("Thanks for having me.", 3, 4),
    ],
)
def test_thanks_by_name_answer_thanks_said_right_before(courtesy, thanked_turn, other_turn):
    """ "Thank you for taking my question." "Thank you, Kim.": Kim said the line
    just before, not the General's answer before that."""
    turns = [*PRESS_CALL, courtesy, "Thank you, Kim. Next question."]
    people, scores = evidence_for(turns)
    kim = people["Kim Park"]
    assert scores[thanked_turn][kim] >= THANKED
    assert scores[other_turn][kim] < THANKED


@pytest.mark.parametrize(
    ("reply", "turned_away"),
    [
        # said in passing to the one being answered: she may well have spoken just before
        (
            "Well, costs went up everywhere. So I don't think that's the real question, Priya. "
            "The real question is who pays for it.",
            False,
        ),
        # a question put to her by name turns to her from whoever spoke before
        (
            "Well, costs went up everywhere. The real question is who pays for it. "
            "Priya, who pays?",
            True,
        ),
    ],
)
def test_a_name_said_in_passing_in_a_statement_does_not_turn_away_from_them(reply, turned_away):
    turns = [
        "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a "
        "reporter, and Marcus Lee, a planner.",
        "Priya, what changed this year?",
        "The law changed, and the cities are still working out what it means for them.",
        reply,
    ]
    people, scores = evidence_for(turns)
    priya = people["Priya Raman"]
    assert scores[2][priya] == ADDRESSED + (TURNED_AWAY if turned_away else 0.0)


PASSED_ON = (
    "Mostly the brackets, I'd say, and how a call reads. Omar, do you remember any other concern?"
)


@pytest.mark.parametrize(
    ("before", "cast_opening", "passed_on"),
    [
        ("Can you talk a bit about what people found hard to read?", PANEL, True),
        # the turn before asked nobody: the question by name is the host's work
        ("People wrote a lot about the brackets in the last few weeks.", PANEL, False),
        # an interview of one guest is no panel: the host may answer a guest's question
        (
            "Can you talk a bit about what people found hard to read?",
            "Welcome to Byte Talk. I'm Nora Vance. Here with us is Omar Haddad.",
            False,
        ),
    ],
)
def test_on_a_panel_an_answer_that_passes_the_question_on_by_name_is_no_host_work(
    before, cast_opening, passed_on
):
    """A panellist asked "you" something ends their answer by turning to the other guest
    ("..., Omar, do you remember ...?"): the question by name is not the host's."""
    turns = [cast_opening + " Lena, how has the feedback been?", before, PASSED_ON]
    people, scores = evidence_for(turns)
    host = people["Nora Vance"]
    with_name = scores[2][host]
    without_name = evidence_for([*turns[:2], PASSED_ON.replace("Omar, do", "Do")])[1][2][host]
    assert (with_name == without_name) is passed_on


@pytest.mark.parametrize(
    ("question", "turned_away"),
    [
        ("What kinds of feedback are you, Omar and Lena, looking for now?", False),
        ("What kinds of feedback are you looking for now, Lena?", True),
    ],
)
def test_a_question_to_two_people_together_turns_away_from_neither(question, turned_away):
    """ "... are you, Omar and Lena, looking for?" is put to the one who just spoke too;
    a question to Lena alone says the turn before was not hers."""
    turns = [
        PANEL + " Lena, how has the feedback been?",
        "Mostly about the syntax, which is the least interesting part, but we read all of it.",
        question,
    ]
    people, scores = evidence_for(turns)
    unnamed = evidence_for([*turns[:2], "What kinds of feedback are you looking for now?"])[1]
    lena = people["Lena Fischer"]
    assert scores[1][lena] - unnamed[1][lena] == (TURNED_AWAY if turned_away else 0.0)


SAID = "The templates of that language are Turing-complete, which we never wanted at all."


@pytest.mark.parametrize(
    ("citing", "cited"),
    [
        ("As Omar alluded to before, Turing-complete templates make programs hard to read.", True),
        # cited, but the words are nobody's in particular
        ("As Omar said, it is the least interesting part of the whole thing.", False),
        # named, not cited
        ("Omar wrote most of the templates, and Turing-complete ones are hard to read.", False),
    ],
)
def test_someone_cited_said_the_turn_whose_rare_words_the_citation_repeats(citing, cited):
    """ "as Omar alluded to before, it's Turing-complete": the turn a few back that said
    "Turing-complete" is Omar's."""
    turns = [
        PANEL + " Lena, how has the feedback been?",
        SAID,
        "So what would you keep out of the language, Lena?",
        citing,
    ]
    people, scores = evidence_for(turns)
    without = evidence_for([*turns[:3], "Templates make programs hard to read."])[1]
    omar = people["Omar Haddad"]
    assert (scores[1][omar] > without[1][omar]) is cited


CO_HOSTED = (
    "Welcome to Byte Talk. I'm Nora Vance. Here with us are Omar Haddad and Lena Fischer of "
    "the compiler team. And also with us are our co-hosts, Jon Reyes and Kim Park."
)
COMMENT = (
    "I think the community will take a while to get used to all of this, just like it did "
    "with channels, which everybody used for everything at first. Then we walked it back and "
    "wrote down what good code looks like, and I expect the same thing to happen here, with a "
    "surge of libraries first and best practices a year or two later, once people have seen "
    "what goes wrong."
)


@pytest.mark.parametrize(
    ("before", "co_host_answers"),
    [
        ("Can you talk a bit about how people will use this in a year or two?", True),
        (
            "Mostly about the syntax, which is the least interesting part, but we read all of it.",
            False,
        ),
    ],
)
def test_co_hosts_comment_at_length_but_do_not_answer_the_panellists_question(
    before, co_host_answers
):
    """A co-host's long comment after an answer is theirs as much as a guest's; an answer
    to the question just put to "you" is a panellist's."""
    turns = [CO_HOSTED + " Lena, how has the feedback been?", before, COMMENT]
    people, scores = evidence_for(turns)
    host, jon, omar = people["Nora Vance"], people["Jon Reyes"], people["Omar Haddad"]
    assert scores[2][host] < scores[2][omar]  # a long turn is no host's question
    assert (scores[2][jon] < scores[2][omar]) is co_host_answers


ADDED = (
    "I agree completely. And I'll add that we have tried hard to keep the complexity of other "
    "languages out of this one, since those languages lead to code that people find hard to "
    "read, and that is just not a good fit for what we are building here."
)


@pytest.mark.parametrize(
    ("before", "second_answer"),
    [
        ("Can you talk a bit about how people will use this in a year or two?", True),
        # nobody was asked: agreeing is anyone's comment
        ("People wrote a lot about the brackets in the last few weeks, on every forum.", False),
    ],
)
def test_agreeing_with_or_adding_to_a_panellists_answer_is_a_second_answer(before, second_answer):
    """ "I agree completely. And I'll add ..." right after an answer to the question put to
    "you" answers it too: a panellist's turn, not a co-host's."""
    turns = [
        CO_HOSTED + " Lena, how has the feedback been?",
        before,
        "Mostly the brackets, and how a call reads when the types are left out of it.",
        ADDED,
    ]
    people, scores = evidence_for(turns)
    jon, omar = people["Jon Reyes"], people["Omar Haddad"]
    assert (scores[3][jon] < scores[3][omar]) is second_answer


def test_a_newcomer_thanking_who_introduced_them_hands_them_no_floor():
    turns = [
        "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Marcus Lee, a planner.",
        "Thanks, Dana. I'll be introducing our second guest tonight, so let's meet her.",
        "Hi! Thank you very much, Marcus. My name is Priya Raman, I run a small planning "
        "office downtown.",
        "We planners all know each other.",
    ]
    cast = find_cast(turns)
    scores = gather_evidence(describe_turns(turns, cast), cast)
    marcus = next(p for p, person in enumerate(cast.people) if person.label == "Marcus Lee")
    assert scores[1][marcus] >= THANKED  # thanked for the turn before
    assert scores[3][marcus] < ADDRESSED  # not handed the floor after hers


def test_a_name_the_sentence_goes_on_about_with_a_pronoun_is_not_spoken_to():
    """ "It's usually just Tomas, he tells a joke": talked about, though set apart by a
    comma; "Tomas, tell us a joke." and "Right, Tomas, we told you so." are spoken to."""

    def spoken_to(sentence):
        start = sentence.index("Tomas")
        return is_vocative(sentence, start, start + len("Tomas"))

    assert not spoken_to("It's usually just Tomas, he tells a joke and nobody laughs.")
    assert spoken_to("Tomas, tell us a joke.")
    assert spoken_to("Right, Tomas, we told you so.")


@pytest.mark.parametrize(
    ("sentence", "spoken_to"),
    [
        ("Not Tomas.", False),
        ("That's another of the names we give Tomas.", False),
        ("I told Tomas.", False),
        ("No, Tomas.", True),
        ("Thanks, Tomas.", True),
    ],
)
def test_a_name_negated_or_a_verbs_object_is_not_spoken_to(sentence, spoken_to):
    start = sentence.index("Tomas")
    assert is_vocative(sentence, start, start + len("Tomas")) is spoken_to


@pytest.mark.parametrize(
    ("reply", "thanked"),
    [
        ("Yep. Yes she was. Thank you. Thank you, Marcus Lee.", True),
        ("Yep. I think the real problem is the budget, and it has been for years. "
         "Thank you, Marcus Lee.", False),
    ],
)  # fmt: skip
def test_thanks_by_name_past_a_few_brief_reactions_thank_the_turn_before(reply, thanked):
    """ "Yep. Yes she was. Thank you. Thank you, Marcus." thanks the one who spoke before;
    a thanks by name after a statement of substance is no opening's."""
    turns = [
        "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Marcus Lee, a planner.",
        "She once parked a bus in the council chamber, and nobody asked her why.",
        reply,
    ]
    cast = find_cast(turns)
    marcus = next(p for p, person in enumerate(cast.people) if person.label == "Marcus Lee")
    assert (thanked_at_start(describe_turns(turns, cast)[2]) == marcus) is thanked


def test_giving_oneself_the_first_name_of_someone_known_by_full_name_is_their_turn():
    """ "Hi, I'm Dana." is Dana introducing herself, not a turn that names Dana (as
    "My editor, Priya, would say ..." is)."""
    turns = [
        "Welcome to the show. We're joined by Omar Haddad, a compiler writer, and Dana "
        "Whitfield, a database engineer.",
        "Thanks for having us.",
        "Let's start with introductions, in your own words.",
        "Sure. Hi, I'm Dana. I work on storage engines, mostly the parts that touch the disk.",
        "What got you into that?",
        "A bad week with a corrupted database, many years ago, which I never want to repeat.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[3] == labels[5] == "Dana Whitfield"


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("Hi, I'm Dana. I work on storage engines.", True),
        ("My name is Dana, and I work on storage engines.", True),
        ("I'm told Dana would rather wait.", False),
        ("Dana, I'm not sure that is right.", False),
        ("Sure. Hi, I'm Dana Whitfield.", False),  # a full name: one of the introductions
    ],
)
def test_a_first_name_given_oneself(text, gives):
    cast = find_cast(["We're joined by Dana Whitfield, a database engineer.", "Hello."])
    mentions = describe_turns([text], cast)[0].mentions
    dana = next(m for m in mentions if m.person == 1)
    assert names_oneself(describe_turns([text], cast)[0], dana) is gives


@pytest.mark.parametrize(
    ("thanks", "reply", "guest_side"),
    [
        ("Priya Raman, thank you for coming in today.", "It's my pleasure.", True),
        ("Priya Raman, thank you for coming in today.", "My pleasure, Dana.", True),
        ("Welcome, Priya Raman.", "My pleasure to be here.", True),
        # The host answering the guest's thanks, and the host's own thanks or presenting.
        (
            "Thanks for having me.",
            "My pleasure. So tell us, what is going on in the harbor?",
            False,
        ),
        ("We are out of time.", "It's been my pleasure having you on the show, Priya.", False),
        ("Priya Raman, thank you.", "It's my pleasure to welcome Omar Haddad.", False),
        ("Priya Raman, thank you.", "It's my pleasure having you on the show.", False),
    ],
)
def test_my_pleasure_counts_on_the_side_opposite_the_thanks_it_answers(thanks, reply, guest_side):
    """ "It's my pleasure." after the host thanks the guests is a guest's reply, as "Thanks
    for having me." is; after the guest's thanks it is the host's, who goes on."""
    turns = [OPENING, thanks, reply]
    cast = find_cast(turns)
    points = gather_evidence(describe_turns(turns, cast), cast)[2][0]
    assert (points < 0) is guest_side


def test_my_pleasure_answers_the_thanks_said_before_a_brief_reaction():
    thanks = "Priya Raman, thank you for coming in today and for all the reporting."
    turns = [OPENING, thanks, "Yeah.", "It's my pleasure."]
    cast = find_cast(turns)
    assert gather_evidence(describe_turns(turns, cast), cast)[3][0] < 0


@pytest.mark.parametrize("empty", ["", "   "])
def test_a_turn_with_no_words_is_nobodys_and_the_others_are_read_without_it(empty):
    turns = [OPENING + " Welcome, Priya.", empty, "Thanks for having me."]
    labels = attribute_turns(turns).labels
    assert labels == ["Dana Whitfield", None, "Priya Raman"]
