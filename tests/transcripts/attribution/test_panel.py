"""A panel show: people presented by others, contestants naming themselves when asked,
and a fast exchange among many, where only a turn's own evidence may name it."""

import pytest

from transcripts.attribution.addressing import asks_them_why
from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import (
    HOST_WORK,
    gather_evidence,
    grants_the_floor_asked_for,
)
from transcripts.attribution.introductions import (
    announced_host,
    answer_to_who,
    presented,
    self_introductions,
)
from transcripts.attribution.mentions import describe_turns


def points_for(turns, label):
    """Each turn's evidence for the person of the cast called ``label``."""
    cast = find_cast(turns)
    person = next(p for p, someone in enumerate(cast.people) if someone.label == label)
    return [row[person] for row in gather_evidence(describe_turns(turns, cast), cast)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("This is the news quiz. I'm carnivorous anchorman Rob Vance.", "Rob Vance"),
        ("Good evening. I'm your host, Ana Ruiz.", "Ana Ruiz"),
        ("I'm political reporter Dan Ives, and this is the week.", "Dan Ives"),
    ],
)
def test_describing_oneself_by_role_before_the_name_is_a_self_introduction(text, name):
    assert self_introductions(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "I'm talking to reporter Dan Ives about it tomorrow.",  # a verb's object
        "I'm a big fan of Dan Ives, honestly.",  # no role before the name
        "I'm with economist Dan Ives on this one.",  # a preposition
    ],
)
def test_a_role_and_a_name_after_i_am_that_do_not_describe_the_speaker_are_not(text):
    assert self_introductions(text) == []


@pytest.mark.parametrize(
    "introduction",
    [
        "Our panel this week: Amy Holt, Luke Dorn and Brian Bell.",
        "On our panel today, Amy Holt, Luke Dorn and Brian Bell.",
        "Let's meet our panelists: comedian Amy Holt, writer Luke Dorn, and radio host Brian Bell.",
        "With me on the panel are Amy Holt, Luke Dorn and Brian Bell.",
        "Our contestants tonight are Amy Holt from Ohio, Luke Dorn from New Mexico and Brian Bell.",
    ],
)
def test_a_panel_or_the_players_introduced_in_one_breath_are_all_in_the_cast(introduction):
    cast = find_cast([f"I'm Peter Vale, and this is the quiz. {introduction}", "Hi!", "Hello."])
    assert [person.label for person in cast.people[1:]] == ["Amy Holt", "Luke Dorn", "Brian Bell"]
    # the description before the next name ("writer Luke Dorn") is not the one before's
    assert [person.introduced_as for person in cast.people[1:]] == ["", "", ""]


@pytest.mark.parametrize(
    "text",
    [
        "Our players, especially Tom Brady, were tired by the fourth quarter.",
        "Our panel of experts reviewed what Amy Holt wrote.",
        "The panel discussed Amy Holt's book at length.",
    ],
)
def test_players_or_a_panel_talked_about_introduce_nobody(text):
    cast = find_cast([f"I'm Peter Vale, and this is the quiz. {text}", "Hi!"])
    assert [person.label for person in cast.people[1:]] == []


def test_someone_else_announcing_your_host_names_the_host():
    assert announced_host("And here's your host, at the Grand Theater, Peter Vale.") == "Peter Vale"
    assert announced_host("Here's your host's favourite story, from Peter Vale.") is None
    cast = find_cast(["I'm announcer Rob Vance. And here's your host, Peter Vale!", "Thank you."])
    assert cast.host.label == "Peter Vale"
    assert "Rob Vance" in [person.label for person in cast.people[1:]]


def test_a_person_presented_at_the_end_of_a_turn_is_the_one_who_says_hello_next():
    assert presented("First up, the host of a variety show. It's Mr. Luke Dorn.", "Hey, Liz.")
    assert presented("It's Amy Holt.", "So the answer was the minivan?") is None
    assert presented("It's Amy's turn to pick a question.", "Hi, everyone.") is None


def test_a_greeting_after_the_name_presented_still_presents_them():
    assert presented("Our next guest knows it well. It's Dana Whit. Hello, Dana.", "Hi!") == (
        "Dana Whit"
    )
    assert presented("It's Dana Whit. Welcome back!", "Thanks for having me.") == "Dana Whit"
    assert presented("Hello, Dana.", "Hi!") is None


def test_a_name_with_a_middle_initial_is_one_full_name():
    assert presented("Our next guest writes tracers. It's Dana K. Whit.", "Hi!") == "Dana K. Whit"
    assert find_cast(["Hello, I'm Dana K. Whit, and I write tracers."]).people[1].label == (
        "Dana K. Whit"
    )


def test_a_name_answering_who_is_this_is_a_self_introduction():
    assert answer_to_who("Hi, who's this?", "Liz Kanter from Tucson, Arizona.") == "Liz Kanter"
    assert answer_to_who("Who am I speaking to?", "Hi, this is Ana Ruiz.") == "Ana Ruiz"
    # a sentence about someone, or no question about who is speaking, names nobody
    assert answer_to_who("Hi, who's this?", "I think Ana Ruiz is right about that.") is None
    assert answer_to_who("What do you think?", "Liz Kanter from Tucson, Arizona.") is None


def test_greeting_a_guest_by_name_is_not_greeting_the_host_back():
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Our first contestant is on the line.",
        "Hi, who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "Hey, Liz Kanter. How are you?",
        "Hi, Peter. I'm well.",
    ]
    host = points_for(turns, "Peter Vale")
    assert host[3] >= 0 > host[4]


def test_a_turn_that_opens_with_a_name_and_ends_presenting_someone_answers_nobody():
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "Life change is kind of the conversational yellow light, you know, Peter.",
        "Liz, let me introduce you to our panel. First up, a comedian. It's Luke Dorn.",
        "Hey, Liz.",
    ]
    liz = points_for(turns, "Liz Kanter")
    assert liz[2] <= 0


def test_please_listen_to_someone_hands_them_the_next_turn_however_short():
    turns = [
        "This is the news quiz. I'm announcer Rob Vance. And here's your host, Peter Vale!",
        "Thank you. Our contestant is on the line. Hi, who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "OK, Liz, for your first bit of good news, please listen to Rob.",
        "Like, you know, umm.",
        "According to a new study, the people who talk that way are actually what?",
    ]
    rob = points_for(turns, "Rob Vance")
    assert rob[4] > 0 >= rob[5]


# A quiz panel: three panellists presented, then quick banter nobody names.
OPENING_OF_AN_INTERVIEW = "Welcome to Harbor Hour, I'm Dana Whitfield. With me is Priya Raman."
PANEL = [
    "I'm announcer Rob Vance. And here's your host, Peter Vale!",
    "Thank you, Rob. Let me introduce our panel. First up, a comedian. It's Luke Dorn.",
    "Hey, everybody.",
    "Next, the advice columnist. It's Amy Holt.",
    "Hi there.",
    "And lastly, a radio host. It's Brian Bell.",
    "Hello.",
    "So, a new minivan yells at your kids for you.",
    "That's great.",
    "It is?",
    "Mine are filthy, the cars of my friends with kids.",
    "Not the kids, Brian.",
    "No.",
    "It talks, it vacuums.",
    "Better than my house.",
    "Sure.",
    "I'd live in it.",
    "Me too.",
    "Terrible.",
    "Moving on.",
]


def test_quick_banter_among_many_is_left_unnamed_and_the_presented_keep_their_names():
    """Without a crowd's caution the one panellist the banter names once ("Not the
    kids, Brian.") took every other turn of it, alternating with the host."""
    labels = attribute_turns(PANEL).labels
    assert labels[2] == "Luke Dorn" and labels[4] == "Amy Holt" and labels[6] == "Brian Bell"
    assert labels[10] == "Brian Bell"  # "Not the kids, Brian." answers this turn
    panel = ("Luke Dorn", "Amy Holt", "Brian Bell", "Rob Vance")
    assert not any(label in panel for t, label in enumerate(labels[7:], 7) if t != 10)


def test_a_slow_conversation_with_few_guests_keeps_the_names_the_rhythm_carries():
    """Two guests who answer at length are no crowd: the host's follow-up and the
    guest's second answer keep the name the first question gave."""
    turns = [
        "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman and Omar Vale.",
        "Thanks for having us, Dana, it's a real pleasure to be back on the program.",
        "Priya, what did the council decide about the harbor dredging last night, in the end?",
        "It voted to delay it again, which surprised nobody who has followed this for years.",
        "And why the delay this time, when the money is already there in the budget?",
        "The permits. The state wants a new study of the silt before anyone digs anything.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[3] == labels[5] == "Priya Raman"


@pytest.mark.parametrize(
    "praise",
    [
        "Liz Kanter, good for you.",
        "Congratulations. Well done, Liz.",
        # thanks after praise: a goodbye for the whole game, not for the turn before
        "Congratulations. Well done, Liz. Thank you so much.",
        # a choice is something she did: her pick may be turns back
        "Brilliant choice, Liz.",
    ],
)
def test_praise_by_name_answers_nobody(praise):
    """Praise is for what someone did, maybe long before: the turns before it are not
    theirs for it, unlike "No, Liz, it was the minivan.", which answers them."""
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "The permitting on a dungeon is terrible, first of all, and the neighbours talk.",
        "Then I'll say the dungeon.",
        praise,
    ]
    liz = points_for(turns, "Liz Kanter")
    assert liz[2] <= 0 and liz[3] <= 0
    answered = points_for([*turns[:4], "No, Liz, it was the minivan."], "Liz Kanter")
    assert answered[3] > 0


@pytest.mark.parametrize(
    "criticism",
    [
        "Liz, that was not a good choice.",
        "No, Liz, a good pick would have been the minivan.",
        # a clause before the words of praise, not a name or an interjection
        "Well, honestly, great job is not what I'd call it, Liz.",
    ],
)
def test_criticism_of_a_choice_by_name_answers_the_one_named(criticism):
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "The permitting on a dungeon is terrible, first of all, and the neighbours talk.",
        "Then I'll say the dungeon.",
        criticism,
    ]
    assert points_for(turns, "Liz Kanter")[3] > 0


def test_one_greeted_does_not_speak_next_when_the_next_turn_presents_someone_else():
    """ "Hey, Liz." said by a panellist just presented: the host goes on presenting the
    panel; Liz greeted with nobody presented after it replies at once."""
    opening = [
        "Welcome to the quiz, I'm Peter Vale. Who's this?",
        "Liz Kanter from Tucson, Arizona.",
        "Liz, let me introduce you to our panel. First up, a comedian. It's Luke Dorn.",
        "Hey, Liz.",
    ]
    presenting = points_for(
        [*opening, "Next, an advice columnist. It's Amy Holt.", "Hi, Liz."], "Liz Kanter"
    )
    assert presenting[4] <= 0
    replying = points_for([*opening, "Hi, Luke. Big fan of the show."], "Liz Kanter")
    assert replying[4] > 0


@pytest.mark.parametrize(
    ("ending", "calls"),
    [
        ("All right, it's time for your last bit of good news. Rob.", True),
        ("Your first piece of good news comes from the automotive world. Rob?", True),
        ("All right, that's the last bit of good news. Thank you, Rob.", False),
        ("All right, and Rob was the one who told me about it, so.", False),
    ],
)
def test_calling_on_someone_by_their_name_alone_is_the_hosts_work(ending, calls):
    turns = [
        "This is the news quiz. I'm announcer Rob Vance. And here's your host, Peter Vale!",
        "Thank you. Our contestant is on the line. Hi, who's this?",
        "Liz Kanter from Tucson, Arizona.",
        ending,
        "Like, you know, umm.",
    ]
    host = points_for(turns, "Peter Vale")
    assert (host[3] >= HOST_WORK) is calls


def test_a_newcomer_presented_at_the_end_of_a_turn_speaks_next_greeting_or_not():
    """ "Ladies and gentlemen, Nora Quill." before her clip: nobody had said her name,
    so she is someone new brought on, and presenting her is the host's work."""
    turns = [
        "This is the news quiz. I'm announcer Rob Vance. And here's your host, Peter Vale!",
        "Thank you. So here, for the first time, is the news unedited. Ladies and"
        " gentlemen, Nora Quill.",
        "And finally, stocks, like, closed on, um, a record high. Reactions were mixed.",
    ]
    cast = find_cast(turns)
    assert [p.label for p in cast.people[1:]] == ["Rob Vance", "Nora Quill"]
    assert points_for(turns, "Nora Quill")[2] > 0
    assert points_for(turns, "Peter Vale")[1] >= HOST_WORK


def test_a_name_said_before_and_presented_at_a_turn_end_brings_nobody_on():
    """ "It's Nora Quill." answering who wrote the column everyone has been talking
    about: she is talked about, not brought on, unless the next turn says hello."""
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Everyone has read Nora Quill this week.",
        "Who wrote the column about the minivan, then? I can never remember.",
        "It's Nora Quill.",
        "Right, and she was wrong about the intercom too.",
    ]
    assert [p.label for p in find_cast(turns).people[1:]] == []


def test_one_thanked_does_not_speak_next_when_the_next_turn_calls_on_someone_else():
    """ "Thank you, Luke Dorn." then "... your last bit of good news. Rob.": the host
    calls on the announcer; Luke thanked with nobody called after it may reply."""
    opening = [
        "This is the news quiz. I'm announcer Rob Vance. And here's your host, Peter Vale!",
        "Let me introduce our panel. First up, a comedian. It's Luke Dorn.",
        "Hey, everybody.",
        "Moon Zappa was really the Stephen Hawking of her time, you know, in a way.",
        "Thank you, Luke Dorn.",
    ]
    calling = points_for(
        [*opening, "All right, it's time for your last bit of good news. Rob."], "Luke Dorn"
    )
    assert calling[5] <= 0
    replying = points_for([*opening, "Oh, thank you, I try my best."], "Luke Dorn")
    assert replying[5] > 0


def test_a_greeting_that_asks_who_is_on_the_line_is_the_hosts_not_a_greeting_back():
    """ "Hi, who's this?" answers the phone: the host's work, though it opens with a
    greeting; the caller's bare "Hi." before it is still no host's."""
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Give us a call. Hi, you're on the quiz.",
        "Hi.",
        "Hi, who's this?",
        "Liz Kanter from Tucson, Arizona.",
    ]
    host = points_for(turns, "Peter Vale")
    assert host[2] > 0 > host[1]


def test_the_greeting_before_who_is_this_is_the_callers_who_names_themselves_after_it():
    """ "Hi, you're on the quiz." "Hi." "Hi, who's this?" "Liz Kanter from Tucson.": the
    one put on the line greeted first, and the question was put to that voice."""
    turns = [
        "I'm announcer Rob Vance. And here's your host, Peter Vale!",
        "Thank you, Rob. Give us a call. Hi, you're on the quiz.",
        "Hi.",
        "Hi, who's this?",
        "Liz Kanter from Tucson, Arizona.",
    ]
    assert attribute_turns(turns).labels[2] == "Liz Kanter"
    asked = [*turns[:2], "Hi, who's this?", "Liz Kanter from Tucson, Arizona."]
    assert find_cast(asked).people[-1].introduced_in == 3


@pytest.mark.parametrize(
    ("request_", "grant", "granted"),
    [
        ("Can I say something about that?", "You may.", True),
        ("Could I just respond to that, quickly?", "Sure, go ahead.", True),
        # asking leave to ask is no request for the floor: anyone answers it
        ("Can I ask you something about the van?", "Sure.", False),
        # a reply of substance is no mere grant
        ("Can I say something about that?", "Sure, but first the minivan, which is new.", False),
    ],
)
def test_granting_the_floor_asked_for_on_a_panel_is_the_hosts_work(request_, grant, granted):
    turns = [*PANEL[:7], "So, a new minivan yells at your kids for you.", request_, grant]
    assert (points_for(turns, "Peter Vale")[-1] >= HOST_WORK) is granted


def test_the_floor_is_granted_only_where_a_host_keeps_it_among_several():
    exchange = ["Can I say something about that?", "You may.", "The van is a bad idea."]
    panel = [*PANEL[:7], *exchange]
    interview = [OPENING_OF_AN_INTERVIEW, *exchange]
    for turns, granted in ((panel, True), (interview, False)):
        cast = find_cast(turns)
        grants = grants_the_floor_asked_for(describe_turns(turns, cast), cast)
        assert grants[-2] is granted and not any(grants[:-2] + grants[-1:])


def test_asking_why_by_a_name_whose_letters_the_question_repeats_still_asks_them():
    # "Seriously, Seri?": the name blanked where it is said, not in "Seriously".
    turns = [
        "Welcome to the show, I'm Nora Vale. With us are Seri Hale and Amy Holt.",
        "Hello.",
        "Seriously, Seri?",
    ]
    cast = find_cast(turns)
    seri = next(p for p, person in enumerate(cast.people) if person.label == "Seri Hale")
    assert asks_them_why(describe_turns(turns, cast)[-1]) == seri


@pytest.mark.parametrize(
    "why",
    [
        "Hmm. Why, Omar?",
        "How so, Omar?",
        "What do you mean, Omar?",
        "Wait, that sounds odd to me. Why, Omar?",  # brief: shorter than an answer
    ],
)
def test_asking_someone_why_by_name_points_back_at_what_they_just_said(why):
    """ "Why, Omar?" asks Omar about his last words: he spoke the turn before (it is no
    question put to someone new, which says the turn before was not theirs)."""
    turns = [
        "Welcome to the show, I'm Nora Vale. With us are Omar Hale and Amy Holt.",
        "Hello.",
        "Hi.",
        "I salt the pasta water late, just before the pasta goes in, never at the start.",
        "I'm not sure any cook I know would let you near their kitchen, honestly.",
        why,
        "Salt in cold water pits the pan, and it takes longer to boil, whatever you cook.",
    ]
    omar = points_for(turns, "Omar Hale")
    assert omar[4] > 0 and omar[6] > 0
    asked_anew = points_for([*turns[:5], "Omar, what have you got?", turns[6]], "Omar Hale")
    assert asked_anew[4] < 0


def test_who_asked_for_the_floor_says_what_they_said_once_it_was_granted():
    """ "Can I say something about that?" "You may." then the panellist's point: the request
    and the point are one voice, so the point's own evidence ("Not the kids, Brian.")
    names the request too, in a fast exchange where the rhythm names nobody."""
    turns = [
        "Welcome to the quiz, I'm Peter Vale. Our panel this week: Amy Holt, Luke Dorn and "
        "Brian Bell.",
        "Hi!",
        "Hello.",
        "Hey there.",
        "The minivan has a microphone now, so you can yell at the kids without turning around.",
        "Can I say something about that?",
        "You may.",
        "My married friends' cars are filthy, half sweets and half socks. Nobody has time.",
        "Not the kids, Brian.",
        "Oh, he is like that.",
        "No.",
        "He irons his shirts, you know.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[5] == labels[7] == "Brian Bell"
