"""People in the room whom the cast does not know: turns that call someone by a name
nobody in the cast has ("I'm Tomas.", "Wanjiru, what ...?"). Then the rhythm that
hands a named guest every other turn (A B A B) may be handing them other people's
(A C A D), and ruling the other named guests out names nobody."""

from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.mentions import full_names_of_strangers, ordinary_words, strangers

# A live panel: two hosts nobody names, one panellist who gives her full name, two who
# give their first names only.
LIVE_PANEL = [
    "Good evening, everybody, and welcome to a live edition of the show, recorded in front "
    "of a real audience for once.",
    "It is strange to see faces. Usually it is just the two of us and a microphone.",
    "Let's meet the panel. First up, on the end there.",
    "Hello! Thanks for having me. My name is Irene Castellano, and I build compilers for a "
    "living at a small company in Lisbon.",
    "Compilers! Brave. Next to her, the man who flew in this morning.",
    "Hi, I'm Tomas. I run the local user group, and I write a lot of tooling, mostly command "
    "line things.",
    "Tomas, how many people come to the user group these days?",
    "About sixty on a good night, which is more than the room holds, so some of them stand "
    "at the back.",
    "That is a good problem to have.",
    "It is, until the pizza runs out.",
    "And finally, in the middle. Say hello to everyone.",
    "Hi, I'm Wanjiru, and I work on the standard library, mostly the networking parts, and "
    "some of the testing tools.",
    "Wanjiru, what is your favourite package in the standard library?",
    "Probably the one for contexts, because it solved a problem I had fought with for years "
    "in other languages.",
    "Why that one?",
    "Because cancellation flows through a whole program without every function knowing "
    "about it, and that is rare.",
    "I would pick the HTTP test helpers myself, because they make a whole class of tests "
    "boring in a good way.",
    "Boring tests are the best tests.",
    "They are, and they run fast, which matters when you run them a hundred times a day.",
    "Tomas, do you agree with that?",
    "Mostly, although I have seen people write test helpers that are harder to read than "
    "the code they test.",
    "That happens everywhere, I think.",
    "It does, and reviews are where you catch it, if you are lucky and the reviewer has time.",
    "Let's take some questions from the audience. Yes, at the front.",
    "Thank you. My question is about error handling: will it ever change, or is it settled?",
    "It keeps coming back, every year there is a proposal, and every year the details are "
    "harder than they look.",
    "Read the standard library. It is the best example of the language written by the "
    "people who know it best.",
    "Thank you all for coming, and thanks to our panel.",
]


def test_a_panel_whose_other_voices_give_first_names_only_never_lends_them_the_named_guest():
    labels = attribute_turns(LIVE_PANEL).labels
    assert labels[3] == "Irene Castellano"  # her own introduction
    # She says nothing else: every other turn the rhythm handed her was someone else's.
    assert [t for t, label in enumerate(labels) if label == "Irene Castellano"] == [3]


def test_strangers_are_the_names_given_that_nobody_in_the_cast_answers_to():
    turns = [
        "We're joined by Clara Jeffery, editor of a magazine. Welcome, Clara.",
        "Thanks. Glad to be here.",
        "Hi, I'm Tomas, and I run the user group.",
        "Wanjiru, what do you make of that?",
        "Thanks, Admiral. OK, what do you think, Jeff?",  # a title; a short form of Jeffery
        "Alright, what's next? We are alright.",  # a word the page also writes in lowercase
    ]
    assert strangers(turns, find_cast(turns), ordinary_words(turns)) == ["Tomas", "Wanjiru"]


# An interview whose host nobody names: the guest greets the host by first name, the
# only name the cast lacks, and that is no other voice in the room.
INTERVIEW = [
    "My guest today is Priya Raman, founder of a chain of bakeries that started in her "
    "garage. Welcome, Priya.",
    "Thanks, Dana. It's good to be here, and thank you for the kind introduction.",
    "How did the first shop come about?",
    "Honestly, by accident. I was baking for friends, then for their friends, and one day a "
    "landlord offered me a tiny corner space for almost nothing.",
    "And you said yes straight away?",
    "Not straight away. I spent a week with a spreadsheet convincing myself it would fail, "
    "and then I signed anyway, because the numbers were never the point.",
    "What was the point?",
    "Learning whether people would come back. A first visit is curiosity; the second one is "
    "the business, and you cannot know that from a spreadsheet.",
]


def test_an_interview_whose_only_unknown_name_is_the_unnamed_hosts_keeps_the_guests_turns():
    labels = attribute_turns(INTERVIEW).labels
    assert labels[1::2] == ["Priya Raman"] * 4
    assert "Priya Raman" not in labels[0::2]


# A quiz night: the host gives her full name, the team leads their first names only.
QUIZ_NIGHT = [
    "Welcome to quiz night at the library. I'm Rosa Lindqvist, and tonight two teams play "
    "for the golden trophy.",
    "Hi, I'm Tomas, and I lead team one, the compilers.",
    "Hello, I'm Wanjiru, and I lead team two, the interpreters.",
    "Tomas, name a language with a garbage collector.",
    "Java, surely.",
    "Really?",
    "Yes, really, it has had one since the nineties.",
    "Wow.",
    "Wanjiru, your turn: name a language without one.",
    "C, of course.",
    "Correct! One point to team two.",
    "Yeah.",
    "Next round.",
]


def test_with_voices_the_cast_does_not_know_a_bare_reaction_is_not_named_for_the_host():
    labels = attribute_turns(QUIZ_NIGHT).labels
    assert labels[0] == "Rosa Lindqvist"
    # "Really?", "Wow.", "Yeah.": anyone in the room may say them.
    assert "Rosa Lindqvist" not in (labels[5], labels[7], labels[11])


# Two hosts nobody introduces formally and a panellist presented by full name once, all
# called by first name afterwards.
PRESENTED_ONCE = [
    "Good evening, everyone! What a crowd tonight.",
    "Yeah, Tobias is going to cut that out later.",
    "Welcome to a special live edition of the show, in front of a real audience.",
    "My co-host is on the stage too, of course. It's Ingrid Halvorsen. Say hi.",
    "That's me. Thank you, Tobiasz Wren. I'm very excited to be here tonight.",
    "Let's meet the panel. It's Oyelaran Adebayo.",
    "Oyelaran, would you like to introduce yourself?",
    "Hello! I write compilers for a living, at a small company in Lagos.",
    "Ingrid, do you write compilers too?",
    "No, I write web services, and they are much more boring than compilers.",
    "Thanks, Tobi. Over to you again.",
]


def test_a_full_name_presented_once_joins_the_cast_of_the_first_name_others_call():
    ordinary = ordinary_words(PRESENTED_ONCE)
    found = full_names_of_strangers(PRESENTED_ONCE, find_cast(PRESENTED_ONCE), ordinary)
    assert (3, "Ingrid Halvorsen", "Ingrid") in found
    assert (5, "Oyelaran Adebayo", "Oyelaran") in found
    # Thanked by full name, called by a short form of the first name ("Tobi").
    assert (4, "Tobiasz Wren", "Tobi") in found


def test_the_first_name_of_two_full_names_joins_nobody():
    turns = [
        *PRESENTED_ONCE,
        "Ingrid Olsen wrote the best book on compilers, everybody should read it.",
    ]
    found = full_names_of_strangers(turns, find_cast(turns), ordinary_words(turns))
    assert not any(name.startswith("Ingrid") for _, name, _ in found)


def test_a_full_name_only_talked_about_joins_nobody():
    turns = [
        "Welcome to the show, in front of a real audience.",
        "I read everything Ingrid Halvorsen wrote about compilers last year.",
        "Ingrid, do you write compilers too?",
        "No, I write web services, and they are much more boring than compilers.",
    ]
    assert full_names_of_strangers(turns, find_cast(turns), ordinary_words(turns)) == []


def test_people_named_once_in_passing_are_named_where_the_turns_point_at_them():
    labels = attribute_turns(PRESENTED_ONCE).labels
    assert labels[3] == "Tobiasz Wren"  # "Thank you, Tobiasz Wren." thanks this turn
    assert labels[4] == "Ingrid Halvorsen"  # "It's Ingrid Halvorsen." "That's me."
    assert labels[7] == "Oyelaran Adebayo"  # "Oyelaran, would you like to ...?"


# A panel whose people are presented by full name once each, then called by first name.
PRESENTED_PANEL = [
    "Good evening and welcome to the live show, with a real audience tonight.",
    "Our first panellist builds databases for a living. It's Dana Whitfield.",
    "Hi everyone, glad to be here.",
    "Next to her, a man who has shipped more compilers than anyone I know. It's Omar Haddad.",
    "Hello! Great to be here.",
    "Dana, what are you working on these days?",
    "Mostly storage engines, and a great deal of testing of those storage engines, night and day.",
    "That sounds hard. How do you even test something like that properly?",
    "We run them under a simulator that breaks the disks on purpose, thousands of times a night.",
    "I would love to try that simulator on our compiler, honestly, it would find so many bugs.",
    "We tried that simulator at my company last year, and it found a nasty bug in a week.",
    "Omar, would your team actually use something like that?",
    "Probably, yes. We already fuzz the parser, and a simulator for the back end would fit in.",
]


def test_people_known_only_in_passing_do_not_make_the_room_known():
    """Known from a full name said once, a panel's people are called by first name and
    talk among themselves: the rhythm carrying Dana's name every other turn (A B A B)
    would hand her the others' turns, so each turn is named on its own evidence."""
    cast = find_cast(PRESENTED_PANEL)
    assert [p.label for p in cast.people if p.in_passing] == ["Dana Whitfield", "Omar Haddad"]
    labels = attribute_turns(PRESENTED_PANEL).labels
    assert labels[6] == "Dana Whitfield"  # "Dana, what ...?"
    assert labels[12] == "Omar Haddad"  # "Omar, would your team ...?"
    # Someone else's company tried her simulator: nothing in the text says who.
    assert labels[10] != "Dana Whitfield"


def test_someone_introduced_after_being_presented_is_not_known_in_passing():
    turns = [
        "Welcome to the live show. Our first panellist builds databases. It's Dana Whitfield.",
        "Hi everyone! I'm Dana Whitfield, and I work on storage engines.",
    ]
    assert [(p.label, p.in_passing) for p in find_cast(turns).people[1:]] == [
        ("Dana Whitfield", False)
    ]
