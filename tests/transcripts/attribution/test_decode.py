"""Speaker attribution from what is said, on made-up shows unlike the seed page."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcripts.attribution.cast import Cast, Person
from transcripts.attribution.decode import (
    attribute_turns,
    cast_of,
    choose_for_cast,
    unname_unsupported,
)
from transcripts.attribution.evidence import OWN_NAME
from transcripts.attribution.names import name_similarity, normalize_name

# A call-in show with another host, show, guests and caller than the seed's.
CITY_DESK = [
    # 0: a teaser clip of a voice never heard again: nobody can say whose.
    "Nobody I know can afford to live near where they work anymore, and that has to change.",
    "This is City Desk, I'm Dana Whitfield. Today, the fight over building homes near "
    "train stations. We're joined by Priya Raman, housing reporter for the Valley Chronicle. "
    "Welcome, Priya.",
    "Thanks for having me, Dana.",
    "And we're also joined by Marcus Oyelaran, director of the Bay Area Housing Institute. "
    "Welcome, Marcus.",
    "Glad to be here.",
    "Priya, what is actually in the new law?",
    "So the law says that any parcel within half a mile of a major transit stop can be built "
    "up to six stories, and cities can no longer block those projects with parking rules or "
    "design reviews that drag on for years.",
    "Hmm.",
    "And that is a big change for places that have fought density for decades.",
    "Marcus, does this go far enough?",
    "I would say it is a start. The research we have done shows that the real bottleneck is "
    "financing, not zoning alone, and unless the state puts money behind these projects many "
    "of them will sit on paper for a long time.",
    "Let's bring in Luis in Fresno. Welcome, Luis.",
    "Hi, Dana. I rent an apartment near the station and my rent went up twice last year, so "
    "I am all for more building, but I worry the new places will be luxury units.",
    # The captions misspell Priya here ...
    "Thank you, Luis. Pria, what do you make of that worry?",
    "It is a fair worry. The law requires a share of affordable units in larger projects, but "
    "the share is small and it only applies above a certain size, which developers can design "
    "around.",
    "Kathy writes, why should cities give up local control over what gets built? Marcus?",
    "Local control has mostly meant control by the people who already own homes, and that has "
    "given us the shortage we have now.",
    "Right.",
    "So I understand the feeling, but the results speak for themselves.",
    # ... and here, with her title.
    "We've been talking with Pria Ramen, housing reporter for the Valley Chronicle, and "
    "Marcus Oyelaran of the Bay Area Housing Institute. Thank you both. I'm Dana Whitfield.",
]
HOST, PRIYA, MARCUS, LUIS = "Dana Whitfield", "Priya Raman", "Marcus Oyelaran", "Luis"
CITY_DESK_SPEAKERS = [
    None,
    HOST,
    PRIYA,
    HOST,
    MARCUS,
    HOST,
    PRIYA,
    HOST,
    PRIYA,
    HOST,
    MARCUS,
    HOST,
    LUIS,
    HOST,
    PRIYA,
    HOST,
    MARCUS,
    HOST,
    MARCUS,
    HOST,
]


@pytest.fixture(scope="module")
def city_desk():
    return attribute_turns(CITY_DESK)


def test_every_turn_of_another_show_goes_to_the_right_person_or_none(city_desk):
    assert city_desk.labels == CITY_DESK_SPEAKERS


def test_host_found_from_a_different_self_introduction(city_desk):
    note = city_desk.notes[HOST]
    assert note.role == "host"
    assert note.introduced_as == "host of City Desk"


def test_guests_noted_with_the_titles_they_were_introduced_with(city_desk):
    assert city_desk.notes[PRIYA].role == "reporter"
    assert city_desk.notes[PRIYA].introduced_as == "housing reporter for the Valley Chronicle"
    assert city_desk.notes[MARCUS].role == "guest"
    assert city_desk.notes[MARCUS].introduced_as == "director of the Bay Area Housing Institute"


def test_caller_noted_with_their_place(city_desk):
    assert city_desk.notes[LUIS].role == "caller"
    assert city_desk.notes[LUIS].introduced_as == "Fresno"


def test_a_question_put_by_name_gives_the_next_turn_to_that_person(city_desk):
    assert city_desk.labels[6] == PRIYA  # after "Priya, what is actually in the new law?"
    assert city_desk.labels[10] == MARCUS  # after "Marcus, does this go far enough?"
    assert city_desk.labels[16] == MARCUS  # after "Kathy writes, ... Marcus?"


def test_reading_a_listener_comment_stays_the_hosts(city_desk):
    assert city_desk.labels[15] == HOST


def test_a_misspelt_name_is_mapped_to_the_introduced_person(city_desk):
    assert city_desk.labels[14] == PRIYA  # after "Pria, what do you make of that worry?"
    assert set(city_desk.notes) == {HOST, PRIYA, MARCUS, LUIS}  # no "Pria Ramen"


def test_an_unrepeated_teaser_before_the_opening_is_left_unattributed(city_desk):
    assert city_desk.labels[0] is None


def test_a_guest_goes_on_after_a_mere_hmm(city_desk):
    assert city_desk.labels[7] == HOST
    assert city_desk.labels[8] == PRIYA


def test_other_ways_hosts_introduce_themselves():
    for opening, show in [
        (
            "I'm Terry Gould, and this is Fresh Ideas. My guest today is Ana Ruiz, author of Salt.",
            "Fresh Ideas",
        ),  # noqa: E501
        ("Welcome to Forum, I'm Terry Gould. We're joined by Ana Ruiz, author of Salt.", "Forum"),
    ]:
        result = attribute_turns([opening, "Thanks for having me, Terry.", "Ana, why salt?"])
        assert result.labels[0] == "Terry Gould"
        assert result.notes["Terry Gould"].introduced_as == f"host of {show}"
        assert result.labels[1] == "Ana Ruiz"
        assert result.notes["Ana Ruiz"].introduced_as == "author of Salt"


def test_welcome_back_with_the_hosts_name_counts_as_the_host():
    turns = [
        "This is Forum, I'm Mina Park. We're joined by Lee Chan, mayor of Alameda. Welcome, Lee.",
        "Good to be here, Mina.",
        "Welcome back to Forum, Mina Park here. Lee, what comes next for the ferry?",
        "We find the money first, and then we build the second terminal.",
    ]
    assert attribute_turns(turns).labels == ["Mina Park", "Lee Chan", "Mina Park", "Lee Chan"]


def test_a_guest_on_the_line_with_a_mangled_name_is_named_as_later_spelt():
    # Like the seed's "the tenant governor El ny Kunaki is on the line".
    turns = [
        "Welcome to Forum, I'm Mina Park. We're joined by Lee Chan, mayor of Alameda.",
        "Glad to be here.",
        "And Supervisor Ro sa Delvecchio is on the line. Welcome.",
        "Good morning, Mina. Thank you for taking my call.",
        "Supervisor, what should the county do?",
        "Fund the ferry for five more years and then review what the riders tell us.",
        "Rosa Delvecchio, supervisor for Alameda County. Thank you so much for joining us.",
        "Thanks for having me.",
    ]
    result = attribute_turns(turns)
    assert result.labels[3] == result.labels[5] == "Rosa Delvecchio"
    assert result.notes["Rosa Delvecchio"].introduced_as == "supervisor for Alameda County"
    assert result.labels[6] == "Mina Park"


def test_without_any_introductions_the_voices_are_numbered_not_named():
    result = attribute_turns(["Hello.", "So what happened next?", "We went home."])
    # Two voices taking turns, named by their order of appearance.
    assert result.labels == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert set(result.notes) == {"Speaker 1", "Speaker 2"}


def test_no_turns_gives_no_labels():
    assert attribute_turns([]).labels == []


# --- names -----------------------------------------------------------------------------


def test_normalize_name_folds_case_accents_spaces_and_punctuation():
    assert normalize_name("  Éleni   KOUNALAKIS ") == "eleni kounalakis"
    assert normalize_name("Dana O'Brien-Whitfield,") == "dana o brien whitfield"
    assert normalize_name("") == ""


def test_name_similarity_forgives_caption_misspellings():
    assert name_similarity("Clara Jeffery", "clara  jeffery") == 1.0
    assert name_similarity("El ny Kunaki", "Elany Kunaki") > 0.9
    assert name_similarity("Elany Kunaki", "Eleni Kounalakis") >= 0.7
    assert name_similarity("Clara Jeffery", "John Michaels") < 0.3
    assert name_similarity("", "John") == 0.0


@given(st.text(max_size=30), st.text(max_size=30))
def test_name_similarity_is_between_zero_and_one(a, b):
    assert 0.0 <= name_similarity(a, b) <= 1.0


@given(st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=30))
def test_a_name_is_wholly_similar_to_its_own_normal_form(name):
    normal = normalize_name(name)
    assert normalize_name(normal) == normal
    if normal:
        assert name_similarity(name, normal) == 1.0


def test_the_presiding_officer_known_by_office_alone_keeps_the_turns_answered_as_his():
    """ "Mr. Chief Justice" is one person the text never names: the questions answered
    that way are his (one numbered voice), not the justice who spoke before."""
    turns = [
        "We will hear argument this morning in the first case. Mr. Hale.",
        "Mr. Chief Justice, and may it please the Court: the statute is plain on its face.",
        "But why is the second clause there at all, if the first one covers the same ground?",
        "Justice Ward, the second clause covers the penalties and nothing else.",
        "Then why does the report of the committee speak of the taxes in that clause too?",
        "Mr. Chief Justice, the report speaks loosely there, as reports often do.",
        "That seems a convenient reading of a report you relied on a moment ago, though.",
        "No, Mr. Chief Justice. We rely on the text, and the report only confirms it.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[2] == "Justice Ward"
    assert labels[4] == labels[6]
    assert labels[4] is not None and labels[4].startswith("Speaker")


def test_asking_unlike_an_answerer_counts_when_likeness_says_nothing(monkeypatch):
    """The two second-pass kinds of evidence are applied together: a turn that asking
    rules out for the guest moves even when no turn sounds like anyone's."""
    from transcripts.attribution import decode as decoding

    before = attribute_turns(CITY_DESK).labels
    priya = next(t for t, label in enumerate(before) if label == "Priya Raman")

    def rules_out_priya_once(turns, sure, people, **_):
        rows = [[0.0] * people for _ in turns]
        rows[priya][sure[priya]] = -1000.0
        return rows

    monkeypatch.setattr(
        decoding, "likeness", lambda turns, sure, people, words: [[0.0] * people for _ in turns]
    )
    monkeypatch.setattr(decoding, "asking_unlike", rules_out_priya_once)
    assert attribute_turns(CITY_DESK).labels[priya] != "Priya Raman"


def test_a_run_is_supported_against_everyone_but_who_surely_spoke_just_before():
    """A briefer's answer right after a reporter's question, the other briefer named
    in it ("I think General Ortiz dealt with that"): ahead of every other named
    person but the reporter, who cannot speak twice running. It keeps its name when
    the reporter's turn is sure, not when it is itself in doubt."""
    cast = Cast(
        people=[
            Person(spellings=[]),
            Person(spellings=[(0, "Admiral Cole")]),
            Person(spellings=[(0, "General Ortiz")]),
            Person(spellings=[(0, "Kim Park")]),
        ]
    )
    evidence = [[4.0, 0, 0, -8.0], [0, 0, 0, 6.0], [0, 0, OWN_NAME, 0]]
    sure_reporter = [(0, 5.0), (3, 6.0), (1, 2.0)]
    assert unname_unsupported(cast, sure_reporter, evidence)[2] == (1, 2.0)
    doubtful_reporter = [(0, 5.0), (3, 0.5), (1, 2.0)]
    assert unname_unsupported(cast, doubtful_reporter, evidence)[2] == (1, 0.0)


def test_a_run_is_supported_against_everyone_but_who_surely_spoke_just_after():
    """Two guests asked together ("..., Omar and Priya?"), the second answer surely
    Priya's (thanked for it after): the first answer is ahead of every named person
    who could have said it, since a co-host does not answer the guests' question and
    Priya cannot speak twice running. It keeps its name when her turn is sure, not
    when it is itself in doubt."""
    cast = Cast(
        people=[
            Person(spellings=[(0, "Nora Field")]),
            Person(spellings=[(0, "Omar Haddad")]),
            Person(spellings=[(0, "Priya Raman")]),
            Person(spellings=[(0, "Tom Reyes")], role="host"),
        ]
    )
    evidence = [[4.0, 0, 0, 2.0], [0, 3.0, 3.0, -2.0], [0, 0, 5.0, -2.0], [4.0, 0, -3.0, 0]]
    sure_priya = [(0, 5.0), (1, 1.5), (2, 4.0), (0, 3.0)]
    assert unname_unsupported(cast, sure_priya, evidence)[1] == (1, 1.5)
    doubtful_priya = [(0, 5.0), (1, 1.5), (2, 0.5), (0, 3.0)]
    assert unname_unsupported(cast, doubtful_priya, evidence)[1] == (1, 0.0)


def test_an_interview_whose_host_nobody_names_is_decoded_as_two_voices():
    # The host's own voice is the one nobody named: a third would let the guest's
    # long answers go to it and the guest's name slip onto the host's turns.
    turns = [
        "Well, Dana, thanks for joining me. How did the company start?",
        "Thanks for having me. It started in a garage with two of us and old servers.",
        "And the first customer?",
        "A bank, which paid for the second version.",
    ]
    cast = cast_of(turns, ["Dana Whit on building a company"])
    assert [person.label for person in cast.people] == ["", "Dana Whit"]
    choose_for_cast(turns, cast, [False] * len(turns))
    assert len(cast.people) == 2


def test_a_guest_brought_in_midway_is_not_the_voice_that_spoke_before_them():
    """Two voices talk for a while; then one brings in a third ("We're also joined by
    ..."): a cast of two (a host nobody named, the newcomer) is three voices, and the
    other voice's turns before the introduction are not the newcomer's."""
    turns = [
        "So let's start with sleep. How much do you sleep these days?",
        "Not enough, honestly. Maybe six hours, and badly.",
        "Why badly?",
        "I wake up at three and my head starts going through the day's lists.",
        "That's a common pattern. Does anything help?",
        "Reading helps a bit. Paper books, not the phone.",
        "What about exercise?",
        "I run in the mornings, three times a week, when I can.",
        "We're also joined by Sam Lee from the sleep lab. What do you see in your work?",
        "Mostly teenagers who sleep far too little, honestly.",
        "Thanks, Sam. Does that match your experience?",
        "It does, completely.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[9] == "Sam Lee"
    assert not {labels[t] for t in range(1, 8, 2)} & {"Sam Lee"}
