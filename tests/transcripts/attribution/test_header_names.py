"""People the page's header names and the conversation speaks to by first name."""

from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.mentions import header_names_spoken_to

INTERVIEW = [
    "Marisol, great to have you here on the show. You started three companies before this one.",
    "Thank you for having me. Yes, the first one failed, and I learned a lot from it.",
    "What did you learn?",
    "Mostly that you hire slowly and you listen to the customers before the investors, "
    "which sounds obvious, but it took me two companies to really believe it.",
    "And the third one?",
    "The third one we sold. It was a small exit, but it paid for the next five years.",
]


def test_the_guest_the_title_names_and_the_host_greets_by_first_name_is_named():
    about = ["Tidewell's Marisol Ortega on Starting Over", "A founder on her fourth company."]
    labels = attribute_turns(INTERVIEW, about=about).labels
    assert labels[1] == labels[3] == labels[5] == "Marisol Ortega"
    assert "Marisol Ortega" not in {labels[0], labels[2], labels[4]}


def test_header_names_nobody_speaks_to_add_nobody():
    about = ["Rosa Park on Starting Over"]
    assert header_names_spoken_to(about, INTERVIEW) == []
    # Title words the turns use as ordinary words are no one's name, even when
    # one opens a sentence like a vocative ("States, in the end, ...").
    turns = ["States, in the end, decide.", "Some states break away quietly."]
    assert header_names_spoken_to(["How States Break Away"], turns) == []
    assert attribute_turns(INTERVIEW, about=about).labels[1] != "Rosa Park"


WELCOMED_BY_FULL_NAME = [
    "This is Midday. I'm Rita Chen. Today, the actor Dana Whit, whose new film opens this week."
    " Dana Whit, welcome to the show.",
    "Thanks, Rita. Good to be here.",
    "What surprised you most about the part?",
    "How quiet the night shift is, and then how loud it gets, all at once, every single night.",
    "Dana Whit, thank you so much.",
    "Thank you for having me.",
]


def test_the_guest_the_title_names_and_the_host_welcomes_by_full_name_is_named():
    about = ["Actor Dana Whit on the night shift"]
    assert header_names_spoken_to(about, WELCOMED_BY_FULL_NAME) == ["Dana Whit"]
    labels = attribute_turns(WELCOMED_BY_FULL_NAME, about=about).labels
    assert labels[1] == labels[3] == "Dana Whit"


def test_a_header_name_set_apart_but_not_welcomed_or_thanked_adds_nobody():
    turns = ["Los Angeles, that's a city that will need a great deal of help.", "It will."]
    assert header_names_spoken_to(["The fires in Los Angeles"], turns) == []


def test_a_title_opening_a_header_name_is_no_first_name_spoken_to():
    """ "Mr. Chief Justice, ..." in the turns speaks to an office: it does not put the
    header's "Chief Justice Ann Lowe" in the room as "Justice Ann Lowe"."""
    about = ["The river case", "Chief Justice Ann Lowe presides."]
    turns = [
        "Mr. Chief Justice, and may it please the Court: the compact sets the shares.",
        "But why does it say so only in the appendix?",
    ]
    assert header_names_spoken_to(about, turns) == []
