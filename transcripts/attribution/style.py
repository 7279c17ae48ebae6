"""Likeness: a turn sounds like the turns a person surely spoke.

People keep to their subjects: the guest who raised vaccine compacts is the one
who answers about pandemic-era pacts, counsel talks of "the statute" and
"Congress", the briefer of the operation he is briefing on. Once a first
decoding has named the turns it is sure of, each person's content words
(weighted by how rare they are across the whole text: tf-idf) make a profile,
and every turn of substance gets, for each person with a profile, how much
nearer it is to theirs than to the average profile.

People also keep to their part: counsel before a bench, a briefer before
reporters, a guest before a host answer, and hardly ever end a turn by asking.
A turn that asks is unlikely to be one of theirs (``asking_unlike``).
"""

import math
import re
from collections import Counter

from transcripts.attribution.names import SUPPORT, ends_by_asking, word_count

# Content words: longer than three letters, so that "the", "and", "you" and the
# like, which everybody says, weigh nothing.
CONTENT_WORD = re.compile(r"[a-z'’]{4,}")
LEAST_WORDS = 20  # a turn shorter than this says too little about its speaker
LEAST_PROFILE_WORDS = 250  # a person with fewer sure words has no profile


def turn_vectors(turns: list[str]) -> list[dict[str, float]]:
    """Each turn's content words weighted by rarity (tf-idf), at unit length."""
    bags = [Counter(CONTENT_WORD.findall(text.casefold())) for text in turns]
    seen_in = Counter(term for bag in bags for term in bag)
    vectors = []
    for bag in bags:
        vector = {
            term: (1 + math.log(times)) * math.log(len(turns) / seen_in[term])
            for term, times in bag.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({term: value / norm for term, value in vector.items()})
    return vectors


def likeness(
    turns: list[str],
    sure: list[int | None],
    people: int,
    words: list[int],
    *,
    least_profile_words: int = LEAST_PROFILE_WORDS,
) -> list[list[float]]:
    """For each turn (row) and person (column), how much nearer the turn is to the
    person's profile than to the average profile: 0 for people without one, for
    short turns, and everywhere when fewer than two people have one.

    ``sure[t]`` is the person surely speaking turn t, or None; ``words[t]`` its length.
    """
    vectors = turn_vectors(turns)
    profiles: dict[int, Counter] = {}
    profile_words: Counter = Counter()
    for t, person in enumerate(sure):
        if person is not None and words[t] >= LEAST_WORDS:
            profiles.setdefault(person, Counter()).update(vectors[t])
            profile_words[person] += words[t]
    profiles = {p: v for p, v in profiles.items() if profile_words[p] >= least_profile_words}
    result = [[0.0] * people for _ in turns]
    if len(profiles) < 2:
        return result
    squared = {p: sum(v * v for v in profile.values()) for p, profile in profiles.items()}
    for t, vector in enumerate(vectors):
        if words[t] < LEAST_WORDS:
            continue
        similarity = {}
        for person, profile in profiles.items():
            dot = sum(value * profile.get(term, 0.0) for term, value in vector.items())
            norm2 = squared[person]
            if sure[t] == person:  # the turn itself is left out of its speaker's profile
                dot, norm2 = dot - 1.0, norm2 - 2 * dot + 1.0
            similarity[person] = dot / math.sqrt(norm2) if norm2 > 1e-9 else 0.0
        mean = sum(similarity.values()) / len(similarity)
        for person, value in similarity.items():
            result[t][person] = value - mean
    return result


ANSWERER_TURNS = 8  # sure turns of substance it takes to know someone seldom asks
SELDOM = 0.1  # ... at most this share of them ending with a question
ASKING_WORDS = 10  # a shorter turn ("For burial services?") may be anyone's check
UNLIKE_AN_ANSWERER = -3.0


def asking_unlike(
    turns: list[str], sure: list[int | None], people: int, *, talks: list[bool] | None = None
) -> list[list[float]]:
    """For each turn (row) and person (column): UNLIKE_AN_ANSWERER when the turn
    ends with a question and the person is an answerer, someone whose sure
    turns of substance (ANSWERER_TURNS at least) almost never do; else 0.

    ``sure[t]`` is the person surely speaking turn t, or None. A turn that
    ``talks[t]`` at length before its ending does not count as asking: a guest's
    long answer may end by handing over ("... Robert, do you wanna ...?"), a host's
    long comment by a question, so the question mark tells them apart no better.
    """
    talks = talks or [False] * len(turns)
    asking = [
        word_count(text) >= ASKING_WORDS and ends_by_asking(text) and not talk
        for text, talk in zip(turns, talks, strict=True)
    ]
    asked: dict[int, list[bool]] = {}
    for t, person in enumerate(sure):
        if person is not None and word_count(turns[t]) >= ASKING_WORDS:
            asked.setdefault(person, []).append(asking[t])
    answerers = [
        person
        for person, asks in asked.items()
        if len(asks) >= ANSWERER_TURNS and sum(asks) <= SELDOM * len(asks)
    ]
    result = [[0.0] * people for _ in turns]
    for t, asks in enumerate(asking):
        if asks:
            for person in answerers:
                result[t][person] = UNLIKE_AN_ANSWERER
    return result


# "Ma'am, I would ...", "Yes, sir. ...": a turn opening by saying "sir" or "ma'am" to the
# one it answers. Few people do, and those who do, do it all along: a briefer in uniform
# answering reporters, a debate's moderator keeping a candidate in order.
COURTESY_OPENING = re.compile(
    r"^(?:(?:yes|no|yeah|well|okay|thank\s+you)[,.!]?\s+)?(?:sir|ma['’]am)\b", re.IGNORECASE
)
HABIT_TURNS = 3  # sure turns opening so that make it someone's habit
HABIT_SHARE = 0.75  # ... and this share of all the sure turns opening so, at least
HABIT = SUPPORT  # as much as a run of turns needs to keep its name


def courtesy_habit(turns: list[str], sure: list[int | None], people: int) -> list[list[float]]:
    """For each turn (row) and person (column): HABIT when the turn opens with "sir" or
    "ma'am" and the person is the one whose sure turns open so, HABIT_TURNS times at
    least and nearly all the sure turns that do (one of them may be a turn the first
    decoding was wrongly sure of); else 0.

    ``sure[t]`` is the person surely speaking turn t, or None."""
    opens = [COURTESY_OPENING.match(text.strip()) is not None for text in turns]
    habits = Counter(person for person, opening in zip(sure, opens, strict=True) if opening)
    del habits[None]
    result = [[0.0] * people for _ in turns]
    if not habits:
        return result
    ((person, times),) = habits.most_common(1)
    if times >= HABIT_TURNS and times >= HABIT_SHARE * habits.total():
        for t, opening in enumerate(opens):
            if opening:
                result[t][person] = HABIT
    return result
