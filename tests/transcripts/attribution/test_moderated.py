"""A moderated programme (a debate, a hearing): a moderator who introduces themselves
with their outlet and calls on people by title and surname, on short made-up turns."""

import pytest

from transcripts.attribution.addressing import called
from transcripts.attribution.cast import HOST_SLOT, find_cast
from transcripts.attribution.evidence import (
    CHAIRED_TURNS,
    HOST_WORK,
    UNCHAIRED,
    asks_everyone,
    gather_evidence,
    host_points,
)
from transcripts.attribution.introductions import clean_title, self_introductions
from transcripts.attribution.mentions import describe_turns


def labels(cast):
    return [person.label for person in cast.people if person.named]


@pytest.mark.parametrize(
    "text",
    [
        "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you to tonight's forum.",
        "Good evening. I’m Ana Ruiz of Radio Sur and I welcome you to tonight's forum.",
        "Hello and welcome, I'm Ana Ruiz at Radio Sur, with the candidates' forum.",
    ],
)
def test_a_self_introduction_may_say_where_the_speaker_works(text):
    assert self_introductions(text) == ["Ana Ruiz"]
    assert find_cast([text, "Thank you, Ana."]).host.label == "Ana Ruiz"


@pytest.mark.parametrize(
    "text",
    [
        "I'm proud of Ana Ruiz and all her work.",
        "I'm a fan of Ana Ruiz of Radio Sur.",
        "I'm tired of Radio Sur and its forums.",
    ],
)
def test_words_after_i_am_that_are_no_name_of_ones_own_are_not_a_self_introduction(text):
    assert self_introductions(text) == []


def test_a_titled_name_in_apposition_to_a_phrase_is_not_spoken_to():
    cast = find_cast(
        [
            "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you.",
            "Your colleague, Senator Lind, says the harbour will be dredged.",
            "That's not what she said.",
            "Do you and your colleague, Senator Lind, agree on that?",
            "No more than you are.",
        ]
    )
    assert not any("Lind" in label for label in labels(cast))


@pytest.mark.parametrize(
    "turn",
    [
        "Thank you, Senator Lind.",
        "Well, Senator Lind, I don't agree.",
        "I have a three-part answer to that, Senator Lind.",
    ],
)
def test_a_titled_name_said_to_someone_puts_them_in_the_room(turn):
    assert "Senator Lind" in labels(find_cast(["Who goes first tonight?", turn]))


def test_a_titled_name_the_turn_goes_on_about_is_cited_not_called_on():
    cited = find_cast(["They all said so.", "Dr. Ames. Dr. Ames said the opposite."])
    assert "Dr. Ames" not in labels(cited)
    called_on = find_cast(["We will hear from the panel now.", "Dr. Ames."])
    assert "Dr. Ames" in labels(called_on)


def test_a_title_naming_someone_else_is_nobodys_description():
    assert clean_title("Vice President Lind, it's been a long night.") == ""
    assert clean_title("you say that President Hale's response was late") == ""
    assert clean_title("professor of law at Stanford") == "professor of law at Stanford"
    assert clean_title("Vice President of the Ledger Company") == (
        "Vice President of the Ledger Company"
    )


DEBATE = [
    "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you to the first debate "
    "between President Hale and Governor Lind.",
    "President Hale, the first question is for you. You have two minutes.",
    "Thank you, Ana. We have done more than anyone.",
    "That's simply not true.",
    "Mister President.",
    "We have done more than anyone in history.",
    "Mister President, let him answer, sir.",
]


def test_mister_and_an_office_alone_calls_on_the_one_holding_it():
    cast = find_cast(DEBATE)
    facts = describe_turns(DEBATE, cast)
    hale = next(p for p, person in enumerate(cast.people) if person.label == "President Hale")
    assert called(facts[4]) == hale
    assert called(facts[6]) is None  # said in passing, with more to say


def test_a_call_with_a_slip_corrected_calls_the_name_said_last():
    turns = [
        *DEBATE,
        "Governor… I mean, President Hale, sir.",
        "President Hale, sir, that's wrong.",
    ]
    cast = find_cast(turns)
    facts = describe_turns(turns, cast)
    hale = next(p for p, person in enumerate(cast.people) if person.label == "President Hale")
    assert called(facts[-2]) == hale
    assert called(facts[-1]) is None


@pytest.mark.parametrize(
    "turn",
    [
        "Let him finish.",
        "Please let the Governor answer, sir.",
        "Gentlemen, we're going to move on to the economy.",
        "We'll get to that in the next segment.",
        "All right, the second subject is the economy.",
        "Senator, I’d like you to respond to that, please.",
        "I understand that, sir. But I have to give you both equal time.",
        "Gentlemen, please.",
    ],
)
def test_keeping_order_among_the_speakers_is_the_hosts_work(turn):
    assert host_points_after_the_debate(turn) >= HOST_WORK


@pytest.mark.parametrize(
    "turn",
    [
        "I want to finish my point about the budget.",
        "They never let us answer anything in that state.",
        "We moved on from that plan years ago.",
        "A segment of the population wants you to answer for it.",
        "Yes, sir. We did it faster than anyone.",
        "Thank you, sir.",
        "Sir Ian told us the bridge would open in spring.",
    ],
)
def test_finishing_or_answering_said_otherwise_is_no_hosts_work(turn):
    assert host_points_after_the_debate(turn) < HOST_WORK


def host_points_after_the_debate(turn):
    """The host's points for ``turn`` said after the made-up debate's turns."""
    turns = [*DEBATE, turn]
    cast = find_cast(turns)
    return host_points(describe_turns(turns, cast)[-1], len(turns) - 1, cast)


def host_evidence(turns):
    cast = find_cast(turns)
    return [row[HOST_SLOT] for row in gather_evidence(describe_turns(turns, cast), cast)]


PLAIN = "We cut taxes for every family in this state, and the schools got better."


def test_in_a_chaired_programme_a_turn_without_the_chairs_work_is_less_likely_theirs():
    chaired = [DEBATE[0]]
    for _ in range(CHAIRED_TURNS):
        chaired += ["Gentlemen, let him finish.", "The bridge was built on time.", PLAIN]
    assert host_evidence(chaired)[-1] == UNCHAIRED < 0


def test_a_programme_nobody_chairs_leaves_the_hosts_plain_turns_alone():
    unchaired = [DEBATE[0]]
    for _ in range(CHAIRED_TURNS):
        unchaired += ["And the bridge?", "The bridge was built on time.", PLAIN]
    assert host_evidence(unchaired)[-1] == 0


def curly(text):
    return text.replace("'", "’")


def host_points_of(turn):
    turns = [DEBATE[0], turn]
    cast = find_cast(turns)
    return host_points(describe_turns(turns, cast)[-1], 1, cast)


def callers_put_on(turn):
    return labels(find_cast([turn, "Hi, thanks for taking my call."]))


def asks_all(turn):
    return asks_everyone(describe_turns([turn], find_cast([turn]))[0])


@pytest.mark.parametrize(
    ("clue", "turn"),
    [
        (host_points_of, "You're listening to Harbor Hour, and we'll be right back."),
        (host_points_of, "That concludes tonight's debate."),
        (callers_put_on, "Welcome back. Ana in Oakland, you're on the air."),
        (asks_all, "Have y'all tried the new ferry?"),
    ],
)
def test_a_curly_apostrophe_is_read_as_the_straight_one(clue, turn):
    assert clue(turn)  # the clue is there, written straight
    assert clue(curly(turn)) == clue(turn)


def points_for_asking(opening, turn):
    turns = [opening, "Governor Lind, you have two minutes.", "We will build the bridge.", turn]
    cast = find_cast(turns)
    return host_points(describe_turns(turns, cast)[-1], len(turns) - 1, cast)


DEBATE_OPENING = (
    "Good evening. I'm Ana Ruiz of Radio Sur and I welcome you to the debate between "
    "President Tom Hale and former Governor Rita Lind."
)
CHAT_OPENING = "Welcome to Harbor Hour, I'm Ana Ruiz. We're joined by Rita Lind, a planner."


def test_a_first_name_said_to_someone_called_by_title_is_a_peers_not_the_hosts_work():
    by_first_name = points_for_asking(DEBATE_OPENING, "Who is on your list, Rita?")
    assert by_first_name == points_for_asking(DEBATE_OPENING, "Who is on your list?")


def test_a_first_name_said_to_a_guest_known_by_name_is_the_hosts_question():
    by_first_name = points_for_asking(CHAT_OPENING, "Who is on your list, Rita?")
    assert by_first_name > points_for_asking(CHAT_OPENING, "Who is on your list?")


def evidence_for(turns, label):
    cast = find_cast(turns)
    person = next(p for p, someone in enumerate(cast.people) if someone.label == label)
    return [row[person] for row in gather_evidence(describe_turns(turns, cast), cast)]


CALLED_BY_TITLE = [
    "Governor Lind, what would you do about the bridge?",
    "Nothing, honestly.",
    "That is not true at all, she would close it the first day and never open it again.",
]


def test_where_someone_chairs_the_one_called_by_title_answers_at_once():
    chaired = [DEBATE[0]]
    for _ in range(CHAIRED_TURNS):
        chaired += ["Gentlemen, let him finish.", "The bridge was built on time.", PLAIN]
    points = evidence_for([*chaired, *CALLED_BY_TITLE], "Governor Lind")
    assert points[-2] > points[-1]  # the brief answer, not the retort after it


def test_elsewhere_a_brief_turn_after_a_question_by_title_may_be_anyones():
    plain = [DEBATE[0], "The bridge was built on time.", PLAIN]
    points = evidence_for([*plain, *CALLED_BY_TITLE], "Governor Lind")
    assert points[-1] > points[-2]  # the next turn of substance
