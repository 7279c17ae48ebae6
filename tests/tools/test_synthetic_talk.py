"""Synthetic talk: the benchmark's ingest file is a timed transcript of the size asked."""

from tools.synthetic_talk import ingest_file


def test_the_ingest_file_is_a_timed_plain_text_transcript_of_the_size_asked():
    text = ingest_file(12).decode()
    lines = [line for line in text.split("\n\n") if line.strip()]
    assert len(lines) == 12
    assert lines[0].startswith("[00:00:00] Rosa Delgado: ")
