"""Bytes -> text: every encoding a caption tool writes, nothing garbled, binary refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_files import shared_file
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript
from transcripts.formats.decoding import decode_text

TRANSCRIPT = (
    "Sarah: I went to the café — it was “great”, naïve as that sounds.\nJohn: Señor ¿qué?\n"
)
SHORT_TEXTS = ["café", "“quoted”", "—", "Grüße – schön", "l’été à Noël", "¿qué?"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_accents_curly_quotes_and_dashes_survive_each_encoding(encoding):
    assert decode_text(TRANSCRIPT.encode(encoding)) == TRANSCRIPT


@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_short_cp1252_text_is_read_as_cp1252(text):
    assert decode_text(text.encode("cp1252")) == text


def test_latin1_accents_read_as_written():
    assert decode_text("Zoë à la café, señor".encode("latin-1")) == "Zoë à la café, señor"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тестовый текст субтитров для проверки.", "cp1251"),
        ("Zażółć gęślą jaźń. Dzień dobry, jak się masz?", "cp1250"),
        ("1\n00:00:01,000 --> 00:00:04,000\nこんにちは、元気ですか？\n", "shift_jis"),
    ],
    ids=["cyrillic", "polish", "japanese"],
)
def test_code_pages_charset_normalizer_is_sure_of_are_used(text, encoding):
    assert decode_text(text.encode(encoding)) == text


def test_bomless_utf16_is_recognised_by_its_nul_bytes():
    text = "Sarah: “Café” — naïve.\nJohn: Yes.\n"

    assert decode_text(text.encode("utf-16-le")) == text
    assert decode_text(text.encode("utf-16-be")) == text


def test_byte_order_mark_is_dropped():
    assert decode_text(b"\xef\xbb\xbfWEBVTT\n") == "WEBVTT\n"
    assert decode_text("\ufeffWEBVTT\n".encode("utf-16-be")) == "WEBVTT\n"


def test_crlf_and_cr_newlines_become_lf():
    assert decode_text(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_dos_end_of_file_marker_is_dropped():
    assert decode_text(b"Sarah: hi\r\n\x1a") == "Sarah: hi\n"


def test_sample_with_bom_decodes_to_a_webvtt_header():
    data = shared_file("samples/webvtt-py/captions_with_bom.vtt").read_bytes()

    assert decode_text(data).startswith("WEBVTT\n")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
        b"GIF89a" + bytes(range(1, 256)) * 4,
        b"Sarah: hi\x00 there, a NUL in cp1252 text",
        b"%PDF-1.4\n\x00\x01\x02\x03" + bytes(range(128, 256)),
    ],
    ids=["png", "gif-without-nul", "nul-in-text", "pdf"],
)
def test_binary_data_is_refused_as_not_a_text_file(data):
    with pytest.raises(TranscriptFormatError, match="not a text file"):
        decode_text(data)


def test_utf16_with_a_broken_surrogate_is_refused():
    with pytest.raises(TranscriptFormatError, match="not a text file"):
        decode_text(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        text = decode_text(data)
    except TranscriptFormatError:
        return
    assert "\r" not in text
    assert not text.startswith("\ufeff")


PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff\x85\u2028\u2029")
    | st.sampled_from("\n\t"),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(PRINTABLE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_text_round_trips_through_unicode_encodings(text, encoding):
    assert decode_text(text.encode(encoding)) == text


def test_bytes_that_are_not_utf8_are_read_with_a_warning_that_says_where():
    data = "Rosa: Hello.\n\nSam: Caf\u00e9 con leche.\n".encode("cp1252")
    parsed = parse_transcript(data, filename="cafe.txt")
    assert parsed.cues[1].text == "Caf\u00e9 con leche."
    [warning] = [w for w in parsed.warnings if "not valid UTF-8" in w]
    assert "0xE9" in warning and "line 3, column 9" in warning and "cp1252" in warning
