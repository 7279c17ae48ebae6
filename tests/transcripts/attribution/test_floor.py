"""The floor handed to a newcomer, on short made-up hearings: counsel called on by
name alone, thanked as the next is called."""

from transcripts.attribution.cast import Cast, Person, find_cast
from transcripts.attribution.decode import unname_unsupported
from transcripts.attribution.evidence import GONE, NOT_YET_ON, TURNED_AWAY, gather_evidence
from transcripts.attribution.floor import (
    ANSWERS_FROM_THE_FLOOR,
    add_floor_changes,
    floors,
    newcomers_called,
)
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
    assert points["Mr. Olsen"][4] == points["Mr. Olsen"][6] == 0.0


def test_the_one_thanked_as_a_newcomer_is_called_is_gone_until_spoken_to_again():
    points = floor_points(HEARING)
    assert points["Ms. Park"][0] == points["Ms. Park"][2] == points["Ms. Park"][4] == 0.0
    assert points["Ms. Park"][5:8] == [GONE] * 3
    assert points["Ms. Park"][8:] == [0.0, 0.0]  # "Ms. Park, you have two minutes remaining."


def test_the_one_called_on_holds_the_floor_until_thanked_or_the_next_is_called():
    cast = find_cast(HEARING)
    held = floors(describe_turns(HEARING, cast))
    label = {p: person.label for p, person in enumerate(cast.people)}
    assert {label[p]: spans for p, spans in held.items()} == {
        "Ms. Park": [range(1, 4)],
        "Mr. Olsen": [range(5, 10)],
    }


def test_an_answer_to_someone_while_holding_the_floor_is_the_holders():
    """ "Madam Chief Justice, and may it please the Court", "Yes, Justice Ueda, ..."
    and "..., Justice Ueda." answer the bench; the questions in between ("Ms. Park,
    is there any case ...?") get nothing."""
    points = floor_points(HEARING)
    assert points["Ms. Park"][1] == points["Mr. Olsen"][5] == ANSWERS_FROM_THE_FLOOR
    assert points["Ms. Park"][3] == ANSWERS_FROM_THE_FLOOR
    assert points["Mr. Olsen"][7] == ANSWERS_FROM_THE_FLOOR
    assert points["Ms. Park"][2] == 0.0 and points["Mr. Olsen"][6] == 0.0
    assert points["Mr. Olsen"][9] == 0.0  # "Thank you. ..." answers nobody


def test_a_run_carried_by_the_rhythm_keeps_its_name_only_where_they_hold_the_floor():
    """Counsel's turns with nothing in them naming counsel: named where counsel holds
    the floor, left unnamed elsewhere (a justice's run is never helped by it)."""
    cast = Cast(
        people=[
            Person(spellings=[]),
            Person(spellings=[(0, "Mr. Olsen")]),
            Person(spellings=[(0, "Justice Ueda")]),
        ]
    )
    chosen = [(0, 5.0), (1, 1.5), (2, 1.5), (1, 1.5), (2, 1.5)]
    evidence = [[0.0] * 3 for _ in chosen]
    assert [m for _, m in unname_unsupported(cast, chosen, evidence)] == [5.0, 0, 0, 0, 0]
    kept = unname_unsupported(cast, chosen, evidence, {1: [range(1, 5)]})
    assert [m for _, m in kept] == [5.0, 1.5, 0, 1.5, 0]
    elsewhere = unname_unsupported(cast, chosen, evidence, {1: [range(3, 5)]})
    assert [m for _, m in elsewhere] == [5.0, 0, 0, 0, 0]


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
    assert GONE not in points["Ms. Park"]


def test_a_questioner_naming_the_one_who_holds_the_floor_does_not_turn_away_from_them():
    """ "Ms. Park, why should ...?" from the next justice: Ms. Park, holding the
    floor, may well have answered the one before; a host asking a guest by name
    turns away from whoever spoke before (a guest who is not Ms. Park)."""
    turns = [
        "We will hear argument this morning in the harbor case. Ms. Park.",
        "Madam Chief Justice, and may it please the Court: the statute is plain on its face.",
        "Is there any case that reads it your way?",
        "The harbor cases do, and they are recent and unanimous.",
        "Ms. Park, why should recent cases matter more than old ones?",
    ]
    cast = find_cast(turns)
    facts = describe_turns(turns, cast)
    park = next(p for p, person in enumerate(cast.people) if person.label == "Ms. Park")
    held = floors(facts)
    assert held == {park: [range(1, 5)]}
    assert gather_evidence(facts, cast, held)[3][park] == 0.0
    assert gather_evidence(facts, cast)[3][park] == TURNED_AWAY
