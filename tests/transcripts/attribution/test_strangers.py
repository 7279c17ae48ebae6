"""People in the room whom the cast does not know: turns that call someone by a name
nobody in the cast has ("I'm Tomas.", "Wanjiru, what ...?"). Then the rhythm that
hands a named guest every other turn (A B A B) may be handing them other people's
(A C A D), and ruling the other named guests out names nobody."""

from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.mentions import ordinary_words, strangers

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
