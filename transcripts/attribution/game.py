"""A contestant's game: the one set a game by name ("Now, Liz, welcome to the show.
... Your job: figure out what it is. Ready to play?") answers its questions ("... will
help people everywhere do what?" "Eject their kids?") and is the one the host judges
("An intercom?" "Yes. It is a new speaker system ..."), whoever else is in the room: a
quiz panel's banter around the questions names nobody, and its rhythm says little."""

import re

from transcripts.attribution.addressing import thanked_at_start, turn_ending
from transcripts.attribution.cast import HOST_SLOT
from transcripts.attribution.mentions import TurnFacts
from transcripts.attribution.names import JUDGES, SUBSTANTIAL, ends_by_asking, word_count

# Setting someone a game: "Ready to play?", "Let's play.", "... to play our game",
# "Your job: ...", "Here's your first question.", "... for the win".
GAME_SET = re.compile(
    r"\b(?:(?:ready|want)\s+to\s+play|let['’]s\s+play|play\s+(?:our|the|a|this)\s+game"
    r"|your\s+job\b|your\s+(?:first|next|last|final)\s+(?:question|clue|round)\b)",
    re.IGNORECASE,
)
# A question whose answer is a fact to guess: a statement ending in a question word
# ("... will help people everywhere do what?", "... those people actually what?"), or
# "What is it?" after a clue.
ENDS_IN_A_QUESTION_WORD = re.compile(r"\b(?:what|who|whom|where|which)\s*\?$", re.IGNORECASE)
STATEMENT_WORDS = 4  # "... do what?" closes a statement; "So what?" is no quiz question
WHAT_IS_IT = re.compile(
    r"(?:(?:so|and|now),?\s+)?(?:what|who)(?:['’]s|\s+is|\s+was|\s+are|\s+were)"
    r"\s+(?:it|that|this|he|she|they)\s*\?",
    re.IGNORECASE,
)
# A blank to fill in, read out or written: "... the moon is slowly shrinking into a blank."
BLANK = re.compile(r"\b(?:blank|_{2,})\W*$", re.IGNORECASE)
# Lettered choices offered: "Was it A, a dog; B, a cat; or C, a parrot?", "Or C, ...?" (a
# question's "..., or not?" offers no choice of a game).
CHOICES = re.compile(r"(?:^|[,;]\s+)(?i:or)\s+\(?C\b[^?]*\?$")
# A verdict on its own: "Exactly.", "Correct!", "That's right." ("No." and "Yes." alone are
# anyone's reply).
BARE_VERDICT = re.compile(r"(?:exactly|correct|that['’]s\s+(?:right|correct))\W*", re.IGNORECASE)
QUESTION_CHARS = 300  # a quiz question's last sentence, read from its end
ANSWER_WORDS = 15  # a guess is a phrase, a sentence at most: "Eject their kids from the car?"
ANSWERS = 4.0  # the player's guess: right after a question of the game, or judged right after it
JUDGES_THE_ANSWER = 4.0  # the turn after the player's guess: the host's, who runs the game


def players(facts: list[TurnFacts]) -> list[int | None]:
    """Per turn: the player of the game under way, if any: the one a turn spoken to
    by name sets a game, from that turn on, until another is set one or the player is
    thanked by name (the host's goodbye: "Well done, Liz. Thank you so much.")."""
    player, per_turn = None, []
    for fact in facts:
        spoken_to = [m for m in fact.mentions if m.vocative and m.person != HOST_SLOT]
        sets = bool(spoken_to) and GAME_SET.search(fact.text) is not None
        if sets:
            player = spoken_to[-1].person
        per_turn.append(player)
        if not sets and player is not None and thanked_at_start(fact) == player:
            player = None
    return per_turn


def add_game(facts: list[TurnFacts], scores: list[list[float]]):
    """Points for the player on their guesses: a brief turn right after a question of
    the game (or the question that sets it: "Ready to play?" "I am."), or one the next
    turn judges ("No -- microphone, intercom." "Yes. It is a new speaker system ...");
    and for the host on the turn after each guess, which judges it."""
    playing = players(facts)
    guesses: dict[int, int] = {}  # turn -> the player whose guess it is
    for t in range(1, len(facts)):
        player, before, fact = playing[t - 1], facts[t - 1], facts[t]
        if player is None:
            continue
        if fact.words < ANSWER_WORDS and puts_the_question(before, player):
            guesses[t] = player
        if before.words < ANSWER_WORDS and judges(fact):
            guesses.setdefault(t - 1, player)
    for t, player in guesses.items():
        scores[t][player] += ANSWERS
        if t + 1 < len(facts):
            scores[t + 1][HOST_SLOT] += JUDGES_THE_ANSWER


def judges(fact: TurnFacts) -> bool:
    """A verdict on what was just said, at some length ("No. They may well be, but
    ...") or on its own ("Exactly.")."""
    if fact.words >= SUBSTANTIAL:
        return JUDGES.match(fact.text) is not None
    return BARE_VERDICT.fullmatch(fact.text.strip()) is not None


def puts_the_question(fact: TurnFacts, player: int) -> bool:
    """Whether a turn ends with a question of the game for the player: a quiz question
    (a question word closing a statement, "What is it?", a blank to fill in, choices
    offered), or the question setting the game; not one put to someone else by name
    ("What's that, Bill? Do you know the answer?")."""
    # The last sentence's last words: bounded, so reading it is linear however long it is.
    question = fact.sentences[-1].strip()[-QUESTION_CHARS:] if fact.sentences else ""
    if not ends_by_asking(fact.text) and not BLANK.search(question):
        return False
    ending = turn_ending(fact.sentences)
    spoken_to = {m.person for m in fact.mentions if m.vocative}
    if any(m.vocative and m.person != player and m.sentence >= ending for m in fact.mentions):
        return False
    sets_the_game = player in spoken_to and GAME_SET.search(fact.text) is not None
    fills_in = ENDS_IN_A_QUESTION_WORD.search(question) and word_count(question) >= STATEMENT_WORDS
    return bool(
        sets_the_game
        or fills_in
        or WHAT_IS_IT.fullmatch(question)
        or BLANK.search(question)
        or CHOICES.search(question)
    )
