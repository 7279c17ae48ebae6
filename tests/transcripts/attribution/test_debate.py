"""A moderated debate: two candidates who cut in on each other and a moderator who keeps
order, on short made-up turns."""

import random

import pytest

from tests.transcripts.attribution.test_moderated import (
    DEBATE_OPENING,
    evidence_for,
    host_evidence,
)
from transcripts.attribution.addressing import UNMARKED_QUESTION
from transcripts.attribution.cast import HOST_SLOT, find_cast
from transcripts.attribution.decode import (
    attribute_turns,
    cast_of,
    is_crowded,
    unname_unsupported_turns,
)
from transcripts.attribution.evidence import (
    CHAIRED_TURNS,
    HOST_WORK,
    PEER,
    UNCHAIRED,
    gather_evidence,
    host_points,
    takes_up_the_answer,
)
from transcripts.attribution.mentions import describe_turns, is_vocative

HALE, LIND = "President Hale", "Governor Lind"
OPENING = [
    DEBATE_OPENING,
    "President Hale, the first question is for you. You have two minutes.",
    "Thank you, Ana. We built the bridge.",
    "Governor Lind, the same question. You have two minutes.",
    "Thank you. The bridge was a year late.",
]


def keeping_order(turns, opening=OPENING):
    """The turns after enough of the moderator's keeping order that someone chairs."""
    chaired = list(opening)
    for _ in range(CHAIRED_TURNS):
        chaired += ["Please, let him finish.", "The bridge was built on time.", "No, it was not."]
    return [*chaired, *turns]


@pytest.mark.parametrize(
    "telling",
    [
        "Please let him speak, Mister President.",
        "Mister President, can you let him finish, sir?",
        "President Hale, let her answer.",
    ],
)
def test_one_told_to_let_someone_else_speak_is_not_the_next_speaker(telling):
    turns = [*OPENING, "The bridge was built on time.", telling, "It was a year late."]
    points = evidence_for(turns, HALE)
    assert points[-1] < 0  # the one let speak answers, not the one cutting in
    assert points[-3] <= 0  # nor is it an answer to the turn before


def test_one_called_on_by_title_still_answers_next():
    turns = keeping_order(["Mister President?", "It was."])
    assert evidence_for(turns, HALE)[-1] > 0


@pytest.mark.parametrize(
    ("sentence", "name", "spoken_to"),
    [
        ("Why you, as opposed to president Hale, you have two minutes.", "Hale", False),
        ("A question with vice president Hale, who was there.", "Hale", False),
        ("And president Hale, your response?", "Hale", True),
        ("Thank you, and president Hale, your response?", "Hale", True),
    ],
)
def test_an_office_holder_named_after_a_preposition_is_talked_about(sentence, name, spoken_to):
    start = sentence.index(name)
    assert is_vocative(sentence, start, start + len(name)) is spoken_to


def test_a_first_name_said_to_one_of_two_called_by_title_is_the_other_ones_turn():
    turns = keeping_order(["Rita, you closed the bridge for a year."])
    assert evidence_for(turns, HALE)[-1] >= PEER
    cast = find_cast(turns)
    host = gather_evidence(describe_turns(turns, cast), cast)[-1][HOST_SLOT]
    assert host < 0  # the chair keeps to titles


def test_a_first_name_to_a_candidate_tells_nothing_where_nobody_chairs():
    turns = [*OPENING, "Rita, you closed the bridge for a year."]
    assert evidence_for(turns, HALE)[-1] == 0


def test_a_first_name_among_three_candidates_may_be_either_others():
    opening = [
        *OPENING,
        "Senator Park, the same question. You have two minutes.",
        "Thank you. I voted for the bridge.",
    ]
    turns = keeping_order(["Rita, you closed the bridge for a year."], opening)
    assert evidence_for(turns, HALE)[-1] < PEER
    assert evidence_for(turns, "Senator Park")[-1] < PEER


def test_picking_up_a_sentence_cut_off_two_turns_before_is_its_speakers_turn():
    turns = [
        *OPENING,
        "We built the bridge and-",
        "That is not true.",
        "… and the schools, which are better than ever.",
    ]
    assert takes_up_the_answer(describe_turns(turns, find_cast(turns)))[-1]


@pytest.mark.parametrize(
    ("ending", "host_work"),
    [
        ("I would be getting the countries of the world coming up with the money.", False),
        ("Coming up after the break, the economy.", True),
    ],
)
def test_coming_up_with_something_is_no_hosts_trailer(ending, host_work):
    turns = [*OPENING, f"The bridge was built on time. {ending}"]
    cast = find_cast(turns)
    points = host_points(describe_turns(turns, cast)[-1], len(turns) - 1, cast)
    assert (points >= HOST_WORK) is host_work


@pytest.mark.parametrize(
    ("thanks", "answered_at_once"),
    [
        ("Thank you, President Hale.", False),  # his answer is over: the next is another's
        ("Thank you for joining us, President Hale.", True),  # a goodbye, answered at once
        ("Thank you, Tom.", True),  # a peer's aside: the exchange goes on
    ],
)
def test_thanks_by_title_close_the_thanked_ones_turn(thanks, answered_at_once):
    turns = [
        *OPENING,
        "We built the bridge on time and under budget, as we promised.",
        thanks,
        "That bridge was a year late and cost twice what they said it would.",
    ]
    assert (evidence_for(turns, HALE)[-1] > 0) is answered_at_once


def test_where_someone_chairs_a_bare_question_is_no_sign_of_the_chair():
    assert host_evidence(keeping_order(["With what?"]))[-1] == UNCHAIRED
    assert host_evidence(keeping_order(["Sir, with what money?"]))[-1] > 0


def test_two_who_stay_and_cut_in_on_each_other_under_a_chair_are_a_crowd():
    turns = keeping_order([])
    cast = find_cast(turns)
    words = [fact.words for fact in describe_turns(turns, cast)]
    assert is_crowded(cast, words, chaired=True)
    assert not is_crowded(cast, words)


def test_in_a_chaired_crowd_ruling_one_candidate_out_names_the_other():
    # "Bernie" is nobody in the room: someone talked about, not a voice the cast misses.
    turns = keeping_order(
        [
            "Who is it, Bernie?",
            "Nobody you know.",
            "Lind closed the bridge for a year.",
            "Please, gentlemen.",
        ]
    )
    assert attribute_turns(turns).labels[-2] == HALE


def test_in_a_chaired_crowd_the_host_is_named_by_their_work_alone():
    cast = find_cast(keeping_order([]))
    chosen, evidence = [(HOST_SLOT, 5.0)], [[1.5] + [0.0] * (len(cast.people) - 1)]
    assert unname_unsupported_turns(cast, chosen, evidence)[0][1] == 5.0
    assert unname_unsupported_turns(cast, chosen, evidence, chaired=True)[0][1] <= 0


def test_one_picking_up_where_they_were_cut_off_said_the_turn_they_left():
    turns = keeping_order(
        [
            "And if we had listened to them, the bridge-",
            "That is simply false.",
            "… would never have opened. Rita, you know that.",
            "Please, let him finish.",
        ]
    )
    assert attribute_turns(turns).labels[-4] == HALE


FIELD_OPENING = (
    "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you to the debate between "
    "President Tom Hale, former Governor Rita Lind and Senator Paul Cole."
)


def field_of_three(turns):
    return keeping_order(
        turns,
        [
            FIELD_OPENING,
            "President Hale, the first question is for you.",
            "Thank you, Ana. We built the bridge.",
            "Governor Lind, the same question.",
            "Thank you. The bridge was a year late.",
            "Senator Cole, the same question.",
            "Thank you. I voted for the bridge.",
        ],
    )


@pytest.mark.parametrize(
    "answer",
    ["Thank you for the question, Rita. The bridge was a year late.", "Rita, I think not."],
)
def test_among_three_called_by_title_a_first_name_does_not_say_who_spoke_before(answer):
    # A moderator the cast misses may share the first name; the chair keeps to titles.
    question = "What would you do about the schools, and how would you pay for it all?"
    turns = field_of_three([question, answer])
    assert evidence_for(turns, LIND)[-2] <= 0


def test_among_three_called_by_title_their_title_still_says_who_spoke_before():
    question = "What would you do about the schools, and how would you pay for it all?"
    turns = field_of_three([question, "Governor Lind, I think not."])
    assert evidence_for(turns, LIND)[-2] > 0


WORK = ["bridge", "schools", "taxes", "roads", "jobs", "farms", "water", "rail", "ports", "parks"]


def answer(n):
    """A long answer of its own (not one passage said twice)."""
    work = WORK[:]
    random.Random(n).shuffle(work)
    return f"I will fix the {', the '.join(work)} and much else in my first year. I promise."


COLE = "Senator Cole"


def a_field_answering_at_length(turns):
    """Long answers, each candidate called on by title in turn, the chair keeping order."""
    chaired = [FIELD_OPENING]
    for n in range(CHAIRED_TURNS):
        for m, called in enumerate(("President Hale", "Governor Lind", COLE)):
            chaired += [f"Please, gentlemen. {called}, what would you do about the bridge?"]
            chaired += [answer(3 * n + m)]
    return [*chaired, *turns]


def test_in_a_field_answering_at_length_the_rhythm_names_no_answer():
    # The answer after a question put to nobody by name may be any candidate's: the one
    # who answered last is not carried across it (A B A B).
    turns = a_field_answering_at_length(["Please, gentlemen. And the schools?", answer(99)])
    cast = find_cast(turns)
    assert is_crowded(cast, [fact.words for fact in describe_turns(turns, cast)], chaired=True)
    labels = attribute_turns(turns).labels
    assert labels[-1] not in (HALE, LIND, COLE)
    assert labels[-3] not in (HALE, LIND)  # called on by title, it is nobody else's


CO_MODERATED = (
    "Good evening. I'm Ana Ruiz of Radio Sur, alongside my co-moderators Tom Reyes and "
    "Lee Park, and I welcome you to the debate. Let us begin."
)


def co_moderated_debate():
    return keeping_order(
        [
            "Senator Hale, you voted against the bridge money twice. Would you do it again, sir?",
            "I would, because the money was wasted, and everybody in this state knows it was.",
            "Mayor Cole, the same question to you. Would you have closed the bridge?",
            "Tom, I would never have closed it, and I said so at the time, in this very city.",
        ],
        opening=[
            CO_MODERATED,
            "Governor Lind, you closed the harbour bridge for a year. Why trust you again?",
            "Because I reopened it ahead of time, and the tolls went down for every family.",
        ],
    )


@pytest.mark.parametrize(
    "opening",
    [
        CO_MODERATED,
        "I'm Ana Ruiz, along with my co moderators, Tom Reyes and Lee Park, and welcome.",
    ],
)
def test_co_moderators_named_in_the_opening_chair_with_the_host(opening):
    cast = find_cast([opening, "Governor Lind, your first question.", "Thank you."])
    chairs = [person.label for person in cast.people if person.chairs]
    assert chairs == ["Tom Reyes", "Lee Park"]
    assert all(cast.people[p].chairs for p in cast.co_hosts)


def test_a_co_host_named_in_passing_joins_no_cast():
    cast = find_cast(["Welcome, I'm Ana Ruiz. My co-host Tom Reyes is away today.", "Hi."])
    assert [person.label for person in cast.people if person.named] == ["Ana Ruiz"]


def test_among_several_moderators_a_question_nothing_says_whose_is_named_for_none():
    labels = attribute_turns(co_moderated_debate()).labels
    assert labels[-4] is None  # the host's, Tom's or Lee's: the host's before


def test_a_candidate_answering_a_co_moderator_by_name_names_the_asker():
    labels = attribute_turns(co_moderated_debate()).labels
    assert labels[-2] == "Tom Reyes"  # the host's before


@pytest.mark.parametrize(
    "question",
    [
        "Governor Lind, you said it would be late. Could you explain why it was not.",
        "Governor Lind, you chose to close it. Why should voters believe you will open it.",
    ],
)
def test_a_question_written_without_its_mark_calls_on_the_one_named_not_answers_them(question):
    turns = keeping_order(
        [
            "We built the bridge on time and under budget, and the tolls went down for everyone.",
            question,
        ]
    )
    assert evidence_for(turns, LIND)[-2] <= 0  # the answer before is not hers


@pytest.mark.parametrize(
    ("ending", "asks"),
    [
        ("Could you please address the Governor and explain why.", True),
        ("And do you still support it.", True),
        ("Well, would you do it again, sir.", True),
        ("What the Court said in that case was clear.", False),
        ("Could the bridge have been built sooner? No.", False),
        ("You could do it again.", False),
        ("Aren't these basic mistakes.", True),
        ("Isn't it true that you closed it.", True),
        ("Don't worry about the bridge.", False),
        ("Why should voters believe that you will keep it open.", True),
        ("So how would you pay for it.", True),
        ("What is clear is that it was late.", False),
        ("Why I ran is simple.", False),
        # A question word before a modal in a statement: a pseudo-cleft, a clause, a
        # question asked of oneself.
        ("What would happen is the tolls go up.", False),
        ("What did it for me was the vote.", False),
        ("Which would be a disaster.", False),
        ("Who would have thought.", False),
        ("How can I put it.", False),
        ("What would you do if the bridge was closed.", True),
        # Questions all the same: a subject other than "you" with "is" or "was" later, or
        # "which" and "who" before a modal and "you".
        ("Why should the voters trust you when your plan is unfunded.", True),
        ("When did the senator learn the bill was dead.", True),
        ("What does the governor say to people whose rent is going up.", True),
        ("Who would you pick as your running mate.", True),
        ("Which would you choose.", True),
    ],
)
def test_an_unmarked_question_opens_with_an_auxiliary_or_a_question_word_before_one(ending, asks):
    assert bool(UNMARKED_QUESTION.match(ending)) is asks


TWO_MODERATORS = [
    "Good evening and welcome to the debate. I'm Ana Ruiz of Radio Sur.",
    "And I'm Tom Reyes of the Daily Post. Our first question goes to the Governor.",
    "Governor Lind, you closed the harbour bridge for a year. Why should voters trust you?",
    "Because I reopened it ahead of time, and the tolls went down for every family.",
]


def two_moderators_debate():
    return keeping_order(
        [
            "Senator Hale, you voted against the bridge money twice. Would you do it again?",
            "I would, because the money was wasted, and everybody in this state knows it was.",
            "Governor Lind, the schools are next. What would you change first?",
            "Thank you, Tom. The first thing I would change is the way we pay our teachers.",
        ],
        opening=TWO_MODERATORS,
    )


def test_one_who_introduces_themselves_as_a_chaired_programme_opens_chairs_with_the_host():
    cast = cast_of(two_moderators_debate(), [])
    assert [person.label for person in cast.people if person.chairs] == ["Tom Reyes"]


def test_a_guest_introducing_themselves_where_nobody_chairs_is_a_guest():
    turns = [
        "Welcome to Harbor Hour, I'm Ana Ruiz.",
        "Hi, I'm Tom Reyes, and I plan harbours for a living.",
        "What does a harbour planner do all day?",
        "Mostly I argue about bridges with people who cross them.",
    ]
    assert not any(person.chairs for person in cast_of(turns, []).people)


def test_between_two_moderators_a_question_nothing_says_whose_is_named_for_neither():
    labels = attribute_turns(two_moderators_debate()).labels
    assert labels[-4] is None  # the host's before
    assert labels[-2] == "Tom Reyes"  # "Thank you, Tom." names the one who asked


def test_a_call_before_a_negative_question_written_without_its_mark_answers_no_one():
    turns = keeping_order(
        [
            "We built the bridge on time and under budget, and the tolls went down for everyone.",
            "We start with you, Governor Lind. You closed the bridge. Isn't that a mistake.",
        ]
    )
    assert evidence_for(turns, LIND)[-2] <= 0  # the answer before is not hers


def test_a_title_written_without_its_period_calls_on_the_one_it_names():
    turns = keeping_order(
        [
            "We start tonight with you, Dr Ames. You have never held office. Why trust you?",
            "Because I have spent thirty years fixing what others broke, and I will do the same.",
            "Gov Lind, the same question. You have one minute.",
        ]
    )
    labels = [person.label for person in find_cast(turns).people]
    assert "Dr Ames" in labels and any(label.endswith("Lind") for label in labels)
    assert attribute_turns(turns).labels[-2] == "Dr Ames"


RETOLD = "Governor Lind, in May you said the bridge would close for a year, and it did not."
BEFORE_IT = "We built the bridge on time and under budget, and the tolls went down for everyone."


@pytest.mark.parametrize(
    "retold",
    [
        RETOLD,
        "Governor Lind, people like that you speak plainly. But you called the mayor a liar.",
    ],
)
def test_where_someone_chairs_telling_the_one_named_what_they_said_answers_no_one(retold):
    # Put to them as a moderator's question often is, after a sentence about them.
    turns = keeping_order([BEFORE_IT, retold])
    assert evidence_for(turns, LIND)[-2] <= 0  # the moderator's question, or a retort


def test_where_nobody_chairs_telling_the_one_named_what_they_said_answers_them():
    turns = [*OPENING, BEFORE_IT, RETOLD]
    assert evidence_for(turns, LIND)[-2] > 0


@pytest.mark.parametrize(
    "ending",
    [
        "What would happen is the tolls go up.",
        "Which would be a disaster.",
        "Who would have thought.",
        "What did it for me was the vote.",
        "How can I put it.",
    ],
)
def test_an_answer_ending_in_a_statement_that_opens_with_a_question_word_still_answers(ending):
    answer = f"Governor Lind, I said the bridge would close, and it did. {ending}"
    assert evidence_for(keeping_order([BEFORE_IT, answer]), LIND)[-2] > 0


def test_where_someone_chairs_an_answer_opening_on_a_name_still_answers_them():
    turns = keeping_order([BEFORE_IT, "Governor Lind, I said the bridge would close, and it did."])
    assert evidence_for(turns, LIND)[-2] > 0


def spoken_to(called, turn):
    """Who ``turn`` names, among candidates each first called on by ``called``'s titles."""
    turns = [DEBATE_OPENING]
    for name in called:
        turns += [f"{name}, what would you do about the bridge?", "I would rebuild it."]
    turns += [turn, "I closed the bridge because it was falling down, and I was right."]
    cast = find_cast(turns)
    fact = describe_turns(turns, cast)[-2]
    return {cast.people[m.person].label for m in fact.mentions}


def test_a_title_alone_that_two_people_bear_names_neither():
    # "Governor." closing a turn may call either governor: taken for the first in the
    # cast, it named the next answer (or the question after it) for him.
    called = ["Governor Cole", "Governor Lind", "Senator Hale"]
    assert spoken_to(called, "Thank you, Senator. Governor.") == {"Senator Hale"}


def test_a_title_alone_that_one_person_bears_still_names_them():
    called = ["Governor Lind", "Senator Hale"]
    assert spoken_to(called, "Thank you, Senator. Governor.") == {"Senator Hale", "Governor Lind"}


FIELD_OF_THREE = (
    "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you to the debate between "
    "Governor Rita Lind, Senator Paul Cole and Mayor Jo Park."
)


def vocatives(turn, mark="?"):
    """Whom ``turn`` speaks to, in a field of three each called on by title once;
    ``mark``: how the page ends its questions."""
    turns = [FIELD_OF_THREE]
    for name in ("Governor Lind", "Senator Cole", "Mayor Park"):
        turns += [f"{name}, what would you do about the bridge{mark}", "I would rebuild it."]
    turns += [turn, "The rules tonight are simple: one minute for each answer."]
    cast = find_cast(turns)
    fact = describe_turns(turns, cast)[-2]
    return [cast.people[m.person].label for m in fact.mentions if m.vocative]


@pytest.mark.parametrize(
    "roll_call",
    [
        "On the stage tonight, Dover Governor Rita Lind, former Senator Paul Cole, Mayor Jo Park,",
        "Here they are: Rita Lind, Paul Cole and our own mayor, Jo Park.",
        # A greeting to the audience, then the roll call: more than a greeting before it.
        "Good evening, and joining me on stage are Rita Lind, Paul Cole and Jo Park.",
        "Hi everyone, our guests are Rita Lind, Paul Cole and Jo Park.",
    ],
)
def test_three_people_named_one_after_another_are_none_of_them_spoken_to(roll_call):
    # The last of a roll call cut off by the turn's edge is no one called on to speak next.
    assert vocatives(roll_call) == []


@pytest.mark.parametrize(
    ("turn", "spoken_to"),
    [
        ("Rita Lind, or Paul Cole, who will take it?", ["Governor Lind", "Senator Cole"]),
        ("Rita, I agree with Paul Cole and Jo Park on the bridge.", ["Governor Lind"]),
        ("Rita Lind, let me ask Paul Cole and Jo Park the same thing.", ["Governor Lind"]),
        # a verb in the past tense between two names is no describing word
        ("Rita Lind, I asked Paul Cole and Jo Park the same thing.", ["Governor Lind"]),
        ("Rita Lind, asked Paul Cole and Jo Park the same thing.", ["Governor Lind"]),
        (
            "Welcome, Rita Lind, Paul Cole and Jo Park.",
            ["Governor Lind", "Senator Cole", "Mayor Park"],
        ),
        (
            "Thank you, Rita Lind, Paul Cole and Jo Park.",
            ["Governor Lind", "Senator Cole", "Mayor Park"],
        ),
    ],
)
def test_two_named_together_or_one_spoken_to_before_others_are_no_roll_call(turn, spoken_to):
    assert vocatives(turn) == spoken_to


@pytest.mark.parametrize(
    ("turn", "spoken_to"),
    [
        ("Tonight we have Paul Cole, who has a name as a debater, and he is ready.", []),
        ("We came to hear Paul Cole, whose plan is new.", []),
        ("Paul Cole, who do you think won the bridge vote?", ["Senator Cole"]),
    ],
)
def test_a_name_a_relative_clause_goes_on_about_is_talked_about(turn, spoken_to):
    assert vocatives(turn) == spoken_to


def test_where_no_question_is_marked_a_relative_clause_after_a_name_may_be_a_question():
    # An automatic transcript writing every question with a full stop.
    assert vocatives("Paul Cole, who won the bridge vote.", mark=".") == ["Senator Cole"]


@pytest.mark.parametrize("opens", ["", "… ", '"', "- "])
def test_a_call_cut_off_by_the_turn_edge_is_not_answered_by_the_rest_of_the_question(opens):
    # "... the future. Governor Lind," | "you have insisted ...": the automatic transcript
    # cut the moderator's sentence after the call; its rest is no answer of hers, whatever
    # punctuation the transcript put before its first word.
    turns = keeping_order(
        [
            "We built the bridge on time and under budget, and the tolls went down. Governor Lind,",
            f"{opens}you have insisted the bridge would close for a year, and it did not. Why?",
            "Because I reopened it ahead of time, and the tolls went down for every family.",
        ]
    )
    assert evidence_for(turns, LIND)[-2] <= 0


def test_a_call_answered_in_capitals_by_one_telling_what_they_did_still_names_them():
    # A questioner called on who tells the briefer what he said ("Hi. You said ...").
    turns = keeping_order(
        [
            "We built the bridge on time and under budget, and the tolls went down. Governor Lind,",
            "You have insisted the bridge would close for a year, and it did not. Why is that?",
        ]
    )
    assert evidence_for(turns, LIND)[-1] > 0
