"""Questions from the floor: a live panel opens the floor ("Any questions from the
room?") and someone nobody names asks. Transcripts call that voice "Audience
Member"; it speaks those questions only."""

import pytest

from transcripts.attribution.cast import AUDIENCE_MEMBER, find_cast
from transcripts.attribution.decode import attribute_turns

LIVE_PANEL = [
    "Welcome to our panel. I'm Orla Brennan, and I'll be your host today.",
    "Hi, I'm Farid Haddad, and I maintain the build tools.",
    "Hello, I'm Sunniva Berg, and I work on the runtime's scheduler.",
    "Farid, what changed in the build tools this year?",
    "Mostly speed: the cache is shared between machines now, so a clean build takes "
    "minutes instead of an hour.",
    "We have a few minutes left, so let's take some questions from the room. Yes, you.",
    "Yes, hi. Is the shared cache safe when two machines write the same entry at once?",
    "It is: entries are written once under their hash, so the second write finds the "
    "first one there and stops.",
    "Any more questions? There's one at the back.",
    "This one is for the scheduler: how do you test fairness between tasks?",
    "With a simulator that runs thousands of tasks with made-up costs and checks how long "
    "each one waited.",
    "Thank you all for coming, and thanks to our panel.",
]


def test_a_question_asked_once_the_floor_is_opened_is_the_audience_s():
    labels = attribute_turns(LIVE_PANEL).labels
    assert labels[6] == AUDIENCE_MEMBER
    assert labels[9] == AUDIENCE_MEMBER
    # It speaks those questions only: the answers are the panel's.
    assert [t for t, label in enumerate(labels) if label == AUDIENCE_MEMBER] == [6, 9]


CALLED_ON_BY_NAME = [
    "Good morning, and thank you all for joining.",
    "We have time for one more question. We'll go to Dana Whitfield from the Ledger.",
    "Thank you. Is the agreement going to be signed this week?",
    "We expect so, yes.",
]
NOBODY_OPENS_THE_FLOOR_OR_ASKS = [
    "Welcome back. That's a great question, and we'll come to it.",
    "Can I jump in here? I think the answer is simpler than it looks.",
    "Any other questions?",
    "No, I think we covered everything we wanted to cover today.",
]


@pytest.mark.parametrize("turns", [CALLED_ON_BY_NAME, NOBODY_OPENS_THE_FLOOR_OR_ASKS])
def test_no_audience_member_for_one_called_on_by_name_nor_without_a_question_from_the_floor(
    turns,
):
    assert not any(person.asks_from_the_floor for person in find_cast(turns).people)


ASKING_LEAVE_FIRST = [
    "Welcome to our panel. I'm Orla Brennan, and I'll be your host today.",
    "Hi, I'm Farid Haddad, and I maintain the build tools.",
    "Any questions? There's a hand at the front. Yes, you, with the red scarf. Go ahead.",
    "May I ask something a bit off topic, is that all right?",
    "Sure.",
    "Thanks. Why did the build tools move away from the old configuration format?",
    "Because nobody could read it, including the people who wrote it.",
]


def test_the_floor_opened_early_in_a_brief_turn_and_a_question_after_asking_leave():
    cast = find_cast(ASKING_LEAVE_FIRST)
    audience = next(person for person in cast.people if person.asks_from_the_floor)
    assert audience.asks_from_the_floor == {3, 5}


def test_the_floor_is_not_opened_early_in_a_long_turn():
    answer = (
        "Any questions about the cache come up a lot, and the answer is always the same: "
        + "Entries are written once under their hash, and nothing else writes them. " * 5
        + "So where does that leave the old format?"
    )
    turns = [*ASKING_LEAVE_FIRST[:2], answer, "Do you mean the configuration files, or the cache?"]
    assert not any(person.asks_from_the_floor for person in find_cast(turns).people)


TALKING_ABOUT_QUESTIONS = [
    "When people ask me something, there's usually another question behind the question "
    "I'm actually getting.",
    "What are you really asking, then, when you ask a therapist that?",
    "Often whether it is safe to be imperfect in front of them.",
    "And is it?",
    "It has to be, or the work cannot start.",
]


def test_a_sentence_about_questions_opens_no_floor_and_a_conversation_stays_two_voices():
    assert not any(
        person.asks_from_the_floor for person in find_cast(TALKING_ABOUT_QUESTIONS).people
    )
    labels = attribute_turns(TALKING_ABOUT_QUESTIONS).labels
    assert AUDIENCE_MEMBER not in labels
    assert len(set(labels)) == 2


def test_the_audience_is_no_voice_of_a_conversation_of_two():
    # One question from the floor in an interview that names nobody: the guest's
    # answers are a voice of their own, not the audience's.
    turns = [
        "Welcome to the show. It's good to have you with us tonight.",
        "Thanks for having me. It's good to be back in front of an audience.",
        "What changed in the build tools this year?",
        "Mostly speed: the cache is shared between machines now, so a clean build takes "
        "minutes instead of an hour.",
        "Let's take some questions from the room. Yes, you at the back.",
        "Is the shared cache safe when two machines write the same entry at once?",
        "It is: entries are written once under their hash, so the second write stops.",
        "And what comes next for the tools?",
        "A debugger that can step back in time, which people have asked us for for years.",
    ]
    labels = attribute_turns(turns).labels
    assert [t for t, label in enumerate(labels) if label == AUDIENCE_MEMBER] == [5]
