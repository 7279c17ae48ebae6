"""The one sentence splitter and word counter (segmenting and attribution share them)."""

from transcripts.sentences import ends_sentence, split_sentences, word_count


def test_a_courtesy_title_ends_no_sentence():
    assert split_sentences("I agree with Mr. Lee. And Dr. Ruth Kim said so too.") == [
        "I agree with Mr. Lee.",
        "And Dr. Ruth Kim said so too.",
    ]


def test_a_full_stop_before_a_lower_case_word_ends_no_sentence():
    assert split_sentences("It was 5 p.m. and raining… Then it stopped.") == [
        "It was 5 p.m. and raining…",
        "Then it stopped.",
    ]


def test_a_sentence_ends_with_its_closing_quote_or_bracket():
    assert ends_sentence('He said "stop."')
    assert ends_sentence("(It was late.)  ")
    assert not ends_sentence("and then")


def test_words_are_what_white_space_separates():
    assert word_count("  one two\nthree\tfour ") == 4
    assert word_count("") == 0
