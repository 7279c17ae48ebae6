"""Who is in the room: the people each kind of introduction adds, on short made-up turns."""

import pytest

from transcripts.attribution.cast import find_cast, is_same_name
from transcripts.attribution.decode import attribute_turns


def labels(cast):
    return [person.label for person in cast.people if person.named]


def test_a_title_and_a_surname_is_the_person_with_that_surname():
    assert is_same_name("General Sims", "Lieutenant General Sims")
    assert is_same_name("Mr. Kirby", "John Kirby")
    assert not is_same_name("Justice Scalia", "Justice Alito")
    assert not is_same_name("Mr. President", "Mr. Long")
    assert not is_same_name("John", "Joan")


def test_people_addressed_by_the_same_title_stay_apart():
    cast = find_cast(
        [
            "We will hear argument this morning in the first case. Mr. Hale.",
            "Mr. Chief Justice, and may it please the Court: the statute is plain.",
            "Well, that depends on the directive.",
            "I have a three-part answer to that, Justice Ward.",
            "Why would the rule not apply?",
            "No, Justice Okafor, it would not.",
        ]
    )
    assert {"Mr. Hale", "Justice Ward", "Justice Okafor"} <= set(labels(cast))


def test_we_will_go_with_a_reporter_puts_them_on_next():
    labels_ = attribute_turns(
        [
            "Good evening. For our first question we'll go with Dana Park from the Herald.",
            "Thanks. Can you say when the next strikes will come?",
            "We are not going to telegraph future operations, and I won't speculate on timing.",
        ]
    ).labels
    assert labels_[1] == "Dana Park"


def test_a_list_of_guests_interrupted_by_a_hello_still_introduces_everyone():
    cast = find_cast(
        [
            "Welcome to the show. Here with us are Rosa Lind and Omar Vale.",
            "Hello, everybody.",
            "And also with us is my co-host, Tess Marsh...",
            "Hi.",
            "...and Kit Moreno.",
            "Hey!",
        ]
    )
    assert {"Rosa Lind", "Omar Vale", "Tess Marsh", "Kit Moreno"} <= set(labels(cast))


def test_hey_and_a_name_is_answered_at_once():
    result = attribute_turns(
        [
            "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a reporter.",
            "Thanks for having me.",
            "Hey, Priya Raman. How are you?",
            "I'm well, thanks.",
        ]
    )
    assert result.labels[3] == "Priya Raman"


PRESS_CALL = [
    "Good evening. For our first question we'll go to Dana Park from the Herald.",
    "Thanks. Will there be more strikes this week, or is this the end of it?",
    "We won't telegraph future operations. I'll turn it to the General on timing.",
    "We will let the sun come up and then assess the damage.",
    "Thank you. Our next question will go to Omar Vale with the Ledger.",
    "Can you say whether Iran was warned in advance of tonight's strikes?",
    "There has been no communication with Iran about these strikes.",
]


def test_a_host_nobody_names_who_calls_on_questioners_is_the_moderator():
    cast = find_cast(PRESS_CALL)
    assert cast.host.label == "Moderator"
    call_in = find_cast(["Welcome back. Let's go to Omar Vale from the Ledger.", "Hi."])
    assert call_in.host.label == ""  # a host who takes one call is not a moderator


def test_the_moderator_speaks_only_the_turns_that_call_on_people():
    labels_ = attribute_turns(PRESS_CALL, about=["A press call with Lena Ortiz"]).labels
    assert labels_[4] == "Moderator"
    assert "Moderator" not in (labels_[2], labels_[3], labels_[6])
    assert labels_[1] == "Dana Park" and labels_[5] == "Omar Vale"


# A sit-down interview on a show named after its host, who never says his name.
INTERVIEW = [
    "Mr. Mayor, welcome to the program.",
    "Thank you very much, it's good to be here.",
    "Let's talk about the bridge. When will it open?",
    "Next spring, Dale. The steel is up and the deck goes on in the winter.",
    "And the cost?",
    "Higher than we hoped, but far lower than the papers say, and the state pays half of it.",
    "Some people say it should never have been built.",
    "Dale, they said that about the last bridge too, and now nobody could live without it.",
]


def test_a_first_name_said_to_the_host_and_a_show_named_for_him_name_the_host():
    labels = attribute_turns(INTERVIEW, show="Kessler").labels
    assert labels[0] == labels[2] == labels[4] == labels[6] == "Dale Kessler"
    assert not any(label == "Dale Kessler" for label in labels[1::2])


def test_a_show_named_with_an_ordinary_word_names_nobody():
    turns = [*INTERVIEW, "Well, the crossing will be a real landmark for the whole city."]
    assert "Dale Landmark" not in attribute_turns(turns, show="Landmark").labels


def test_a_first_name_the_host_says_to_the_guest_does_not_name_the_host():
    turns = [
        "Welcome to the program, Dale.",
        "Thank you very much, it's good to be here with you tonight.",
        "Dale, when will the bridge open?",
        "Next spring. The steel is up and the deck goes on in the winter, weather allowing.",
    ]
    assert "Dale Kessler" not in attribute_turns(turns, show="Kessler").labels


def test_two_first_names_said_to_people_name_nobody_after_the_show():
    turns = [*INTERVIEW, "Pat, thank you. Is it safe?", "Safe as houses.", "Thanks, Pat."]
    assert "Dale Kessler" not in attribute_turns(turns, show="Kessler").labels


def test_a_conversation_of_two_nobody_names_keeps_its_two_voices_apart():
    """With no names at all, the two voices alternate through turns that say nothing
    about who speaks: never a third voice, never the two swapping places."""
    turns = [
        "So where did it all start?",
        "In a garage, like everyone says, but ours really was a garage, with a dog in it too.",
        "And the first customers?",
        "Friends of friends. We sold eleven units the first year and fixed every one by hand.",
        "That sounds hard.",
        "It was. But we learned what broke, and the second model broke a lot less often.",
    ] * 3
    labels = attribute_turns(turns).labels
    assert len(set(labels[0::2])) == 1 and len(set(labels[1::2])) == 1
    assert labels[0] != labels[1]


def test_a_question_put_to_a_first_name_alone_puts_that_questioner_on():
    cast = find_cast(
        [
            "Thank you. Our next question will go to Nadia. Nadia, you should be able to unmute.",
            "Yes, hi. Can you say whether the talks will resume this week?",
        ]
    )
    caller = next(person for person in cast.people if person.label == "Nadia")
    assert caller.phoned_in and caller.introduced_in == 0


def test_going_to_a_place_puts_nobody_on():
    cast = find_cast(
        [
            "Next week we'll go to Denver. And the question will go to Congress.",
            "That sounds like a plan to me, and a good one.",
        ]
    )
    assert labels(cast) == []


def test_someone_spoken_to_by_title_was_in_the_room_before_it():
    """ "Justice Ward, ..." addresses her; it does not bring her in: she may have
    asked the question just before, so nothing counts against her having spoken."""
    turns = [
        "We will hear argument this morning in the first case. Mr. Hale.",
        "Mr. Chief Justice, and may it please the Court: the statute is plain.",
        "But why is the second clause there at all?",
        "Justice Ward, the second clause covers the penalties.",
    ]
    cast = find_cast(turns)
    ward = next(person for person in cast.people if person.label == "Justice Ward")
    assert ward.introduced_in is None
    assert attribute_turns(turns).labels[2] == "Justice Ward"


VICE_PRESIDENTIAL_DEBATE = [
    "Good evening, and welcome to tonight's debate. I'm Dana Price.",
    "Let's begin with the economy. Vice President Hale, you have two minutes.",
    "Thank you, Dana. Prices are too high, and families feel it every week at the store.",
    "President Grant, your rebuttal.",
    "Well, she has had four years to do it, and prices went up because of the spending.",
    "Vice President Hale, your response.",
    "That is simply not true. The economy he left behind was in free fall, and we rebuilt it.",
]


def test_a_title_of_several_words_is_said_with_the_name():
    """ "Vice President Hale" is one person, not "President Hale" (the president's
    title and her name): her turns are hers, the president's his."""
    cast = find_cast(VICE_PRESIDENTIAL_DEBATE)
    assert {"Vice President Hale", "President Grant"} <= set(labels(cast))
    assert "President Hale" not in labels(cast)
    said = attribute_turns(VICE_PRESIDENTIAL_DEBATE).labels
    assert said[2] == said[6] == "Vice President Hale"
    assert said[4] == "President Grant"


PANEL_WITH_CO_HOSTS = [
    "Welcome to Byte Talk. I'm Nora Vance. Here with us are Omar Haddad and Lena Fischer of "
    "the compiler team.",
    "Hello, everybody.",
    "And also with us are our hosts, Sam Okafor...",
    "Hello.",
    "...and Ray Lin.",
    "Hey!",
]


def test_people_called_our_hosts_are_co_hosts():
    cast = find_cast(PANEL_WITH_CO_HOSTS)
    roles = {person.label: person.role for person in cast.people if person.named}
    assert roles == {
        "Nora Vance": "host",
        "Omar Haddad": "guest",
        "Lena Fischer": "guest",
        "Sam Okafor": "host",
        "Ray Lin": "host",
    }
    thanks = "On behalf of my co-hosts, Sam and Ray, we thank you, Omar and Lena."
    cast = find_cast([*PANEL_WITH_CO_HOSTS[:2], thanks])  # first names, said at the end
    assert [cast.people[p].label for p in cast.co_hosts] == []  # nobody introduced them
    cast = find_cast([*PANEL_WITH_CO_HOSTS, thanks])
    assert {cast.people[p].label for p in cast.co_hosts} == {"Sam Okafor", "Ray Lin"}


@pytest.mark.parametrize(
    "text",
    [
        "My co-host, Dan Whitaker, who is always with me, is unable to join us today.",
        "We're joined by the host of The Daily Brief, Mona Grant, a reporter.",
    ],
)
def test_an_absent_co_host_or_another_shows_host_is_no_co_host(text):
    cast = find_cast([PANEL_WITH_CO_HOSTS[0] + " " + text])
    assert cast.co_hosts == []


def test_the_answer_to_a_co_hosts_question_is_no_hosts():
    """A co-host asks like a host: the answer is not the host's coming back (A B A)."""
    turns = [
        *PANEL_WITH_CO_HOSTS,
        "Omar, what changed in the new draft?",
        "We dropped the old form: people kept saying it looked like an interface anyway, so we "
        "made it one, and the feedback since has been mostly about brackets.",
        "Ray, anything from the chat?",
        "Yes, lots of people asking about the release date. When is it, roughly?",
        "Not this year, I would say, since we still have to pin down the semantics before "
        "anything lands in the tree.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[6:10] == ["Nora Vance", "Omar Haddad", "Nora Vance", "Ray Lin"]
    assert labels[10] not in ("Nora Vance", "Sam Okafor", "Ray Lin")


def test_joined_by_the_people_of_an_organisation_puts_no_organisation_in_the_cast():
    turns = [
        "So we're joined today by the founders of Acme Robotics, and this is your chance to "
        "ask them anything.",
        "Hi, I'm Lena Marsh, and I started the company in my garage.",
    ]
    labels = [person.label for person in find_cast(turns).people]
    assert "Acme Robotics" not in labels
    assert "Lena Marsh" in labels


def test_a_guest_who_answers_thanks_with_youre_welcome_and_names_himself_is_no_host():
    turns = [
        "Good evening, and welcome to the forum. Our candidates are Governor Reyes and Mayor Tull.",
        "Thank you. I'm glad to be here with all of you tonight.",
        "Governor Reyes, your opening statement.",
        "You're welcome. My name is Ana Reyes, and I have served this state for eight years.",
        "Thank you, Governor. Mayor Tull, yours.",
        "Thanks. Our city grew by a third while I was mayor, and I would do the same for you.",
    ]
    assert find_cast(turns).host.label != "Ana Reyes"


def test_my_guest_then_a_name_set_apart_by_commas_introduces_a_guest():
    """ "My guest, the historian Priya Nand, has written ...": a public-radio host's
    introduction of a guest midway through the hour, the name in apposition."""
    cast = find_cast(
        [
            "This is Open Air. I'm Nora Bell. My guest, the historian Priya Nand, has written "
            "a history of the telephone operators. Priya Nand, welcome.",
            "Thank you. I'm delighted to be here.",
            "My guest today, Dan Ortiz, grew up on a shrimp boat.",
            "Hello.",
        ]
    )
    assert {"Priya Nand", "Dan Ortiz"} <= set(labels(cast))
    assert next(p for p in cast.people if p.matches("Priya Nand")).introduced_in == 0
