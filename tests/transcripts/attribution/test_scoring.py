"""The attribution scorer on small hand-made cases, by the corpus's conventions."""

import pytest

from transcripts.attribution.scoring import is_unnamed, same_person, score_paragraphs, total
from transcripts.segmenting import Paragraph

GOLD = [
    {"speaker": "Ann Lee", "text": "Welcome to the show."},
    {"speaker": "Bo Diaz", "text": "Thanks for having me here."},
]


def paragraphs(*pairs):
    return [Paragraph(text, None, None, label) for label, text in pairs]


def test_a_perfect_attribution_scores_every_word_right_and_no_mixing():
    score = score_paragraphs(
        "f", paragraphs(("Ann Lee", "Welcome to the show."), ("Bo Diaz", GOLD[1]["text"])), GOLD
    )
    assert (score.words, score.right, score.wrong, score.unnamed, score.mixed) == (9, 9, 0, 0, 0)
    assert (score.turns_found, score.turns_gold) == (2, 2)
    assert score.right_pct == 100.0


def test_swapped_names_are_all_wrong_names():
    score = score_paragraphs(
        "f", paragraphs(("Bo Diaz", "Welcome to the show."), ("Ann Lee", GOLD[1]["text"])), GOLD
    )
    assert (score.right, score.wrong, score.unnamed) == (0, 9, 0)
    assert score.wrong_pct == 100.0
    assert score.wrong_examples[0] == ("Ann Lee", "Bo Diaz", 5)


def test_unnamed_voices_are_neither_right_nor_wrong():
    score = score_paragraphs(
        "f", paragraphs(("Speaker 2", "Welcome to the show."), (None, GOLD[1]["text"])), GOLD
    )
    assert (score.right, score.wrong, score.unnamed) == (0, 0, 9)


def test_a_paragraph_holding_two_gold_speakers_counts_all_its_words_as_mixed():
    score = score_paragraphs(
        "f", paragraphs(("Ann Lee", "Welcome to the show. Thanks for having me here.")), GOLD
    )
    assert (score.right, score.wrong, score.mixed) == (4, 5, 9)
    assert score.turns_found == 1


def test_words_the_paragraphs_lost_count_as_unnamed():
    score = score_paragraphs("f", paragraphs(("Ann Lee", "Welcome to the show.")), GOLD)
    assert (score.right, score.unnamed, score.words) == (4, 5, 9)


def test_the_total_adds_words_of_every_file():
    one = score_paragraphs("a", paragraphs(("Ann Lee", "Welcome to the show.")), GOLD)
    two = score_paragraphs("b", paragraphs(("Speaker 2", "Welcome to the show.")), GOLD)
    both = total([one, two])
    assert (both.words, both.right, both.unnamed, both.turns_gold) == (18, 4, 14, 4)


@pytest.mark.parametrize(
    ("said", "gold"),
    [
        ("Verrilli", "Donald B. Verrilli Jr."),
        ("General Verrilli", "Donald B. Verrilli Jr."),
        ("Justice Ginsburg", "Ruth Bader Ginsburg"),
        ("george", "George in Sacramento"),
        ("Kelly O’Donnell", "kelly o'donnell"),
        ("Sims", "Lieutenant General Sims"),
        ("Nadia", "Nadia"),
        ("Moderator", "Moderator"),
        ("Audience Member", "Audience"),  # one role, however a transcript words it
        ("Audience Member", "Questioner"),
    ],
)
def test_names_of_the_same_person_match(said, gold):
    assert same_person(said, gold)


@pytest.mark.parametrize(
    ("said", "gold"),
    [
        ("John Roberts", "John Kirby"),
        ("Nadia", "Patsy"),
        ("Aamer", "Aamer Madhani"),  # a first name alone matches a first name alone only
        ("John Kirby", "Moderator"),  # a gold role only by the same role word
        ("Moderator", "John Kirby"),
        ("Audience Member", "Moderator"),
    ],
)
def test_names_of_different_people_do_not_match(said, gold):
    assert not same_person(said, gold)


@pytest.mark.parametrize("label", [None, "", "Unknown", "Unknown Speaker", "Speaker 2", "?"])
def test_unnamed_labels_are_recognised(label):
    assert is_unnamed(label)


def test_a_name_is_not_unnamed():
    assert not is_unnamed("Speaker Pelosi")
