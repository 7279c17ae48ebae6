"""The floor handed to a newcomer, on short made-up hearings: counsel called on by
name alone, thanked as the next is called."""

from transcripts.attribution.cast import find_cast
from transcripts.attribution.evidence import GONE, NOT_YET_ON
from transcripts.attribution.floor import add_floor_changes, newcomers_called
from transcripts.attribution.mentions import describe_turns

HEARING = [
    "We will hear argument this morning in the harbor case. Ms. Park.",  # 0
    "Madam Chief Justice, and may it please the Court: the statute is plain on its face.",
    "Ms. Park, is there any case that reads it your way?",  # 2 Justice Ueda
    "Yes, Justice Ueda, the harbor cases do, and they are recent and unanimous.",
    "Thank you, Ms. Park. Mr. Olsen.",  # 4
    "Madam Chief Justice, and may it please the Court: the statute is not plain at all.",
    "Mr. Olsen, why not?",  # 6
    "Because the harbor cases were decided under a different statute, Justice Ueda.",
    "Ms. Park, you have two minutes remaining.",  # 8
    "Thank you. The harbor cases are the law, and the statute follows them.",
]


def floor_points(turns):
    """Each person's points from the floor's changes alone, by label."""
    cast = find_cast(turns)
    facts = describe_turns(turns, cast)
    scores = [[0.0] * len(cast.people) for _ in turns]
    add_floor_changes(facts, scores)
    return {
        person.label: [row[p] for row in scores]
        for p, person in enumerate(cast.people)
        if person.named
    }


def test_a_newcomer_called_on_by_name_alone_did_not_speak_before():
    points = floor_points(HEARING)
    assert points["Mr. Olsen"][:4] == [NOT_YET_ON] * 4
    assert points["Mr. Olsen"][4:] == [0.0] * 6


def test_the_one_thanked_as_a_newcomer_is_called_is_gone_until_spoken_to_again():
    points = floor_points(HEARING)
    assert points["Ms. Park"][:5] == [0.0] * 5
    assert points["Ms. Park"][5:8] == [GONE] * 3
    assert points["Ms. Park"][8:] == [0.0, 0.0]  # "Ms. Park, you have two minutes remaining."


def test_someone_called_on_who_was_named_before_is_no_newcomer():
    """A debate: "Thank you, Senator Ruiz. Governor Diaz?" after both were introduced:
    neither is barred from the turns around it."""
    turns = [
        "Good evening. Senator Ruiz, Governor Diaz, welcome. Senator Ruiz, you go first.",
        "Thank you. Housing is the first thing I would fix, and I would fix it this year.",
        "Thank you, Senator Ruiz. Governor Diaz?",
        "The senator has had twenty years to fix housing and did not.",
        "That is simply not true.",
    ]
    cast = find_cast(turns)
    assert newcomers_called(describe_turns(turns, cast)) == {}
    points = floor_points(turns)
    assert all(value == 0.0 for row in points.values() for value in row)


def test_a_name_with_more_words_after_it_is_no_call():
    """ "Thank you, Ms. Park. Mr. Olsen, what do you say?" hands over by question, which
    the next turn's evidence already counts; Ms. Park is not sent away by it."""
    turns = [*HEARING[:4], "Thank you, Ms. Park. Mr. Olsen, what do you say to that?", HEARING[5]]
    points = floor_points(turns)
    assert all(value == 0.0 for value in points["Ms. Park"])
