"""Issue 13, finding 2: no file makes a parser backtrack.

Each input is an adversarial run (long runs of spaces, "<v ", "<rt>", dashes,
colons, digits, blank lines, "joined by Name, " repeated) fed through the whole pure
pipeline, as an import or the admin preview runs it, at 10 KB and at 100 KB. Ten
times the input may take at most ~25 times as long (linear is 10, quadratic 100),
and 100 KB under TIME_LIMIT_S: the quadratic patterns took 10-70 s on 10-60 KB.
Page text of thousands of short turns naming 30 people (attribution's worst case)
took 4-9 s, and one crashed once the cast was full; now the slowest input takes
~0.5 s on this shared 2-CPU machine (~1.2 s while it is busiest), most well under
0.2 s. A refusal is fine (it must be a TranscriptImportError with a message), a
crash is not.
"""

import time

import pytest

from transcripts.errors import TranscriptImportError
from transcripts.pipeline import prepare_transcript

SIZE = 100_000
# Seconds of this process's CPU, not of the wall clock: on a shared machine other
# work stretches the wall clock (2.0 s limits failed at load 20) but not the CPU
# the parser itself spends. The best of three still counts, for cache effects.
TIME_LIMIT_S = 2.0
GROWTH_LIMIT = 25

PAGE_HEADER = "Forum\nSoft Secession\n11/14/2025 | 50m 24s\nA summary.\n\n"
VTT_CUE = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"


def repeat(unit, size=SIZE):
    return unit * (size // len(unit))


# 100 people: more than a cast holds (30), so attribution works at its limits.
PEOPLE = [f"{first} {last}" for first in ("Ann", "Bob", "Cara", "Dan", "Eve", "Finn", "Gus", "Hal",
    "Ida", "Jo") for last in ("Lee", "Kim", "Park", "Smith", "Jones", "Brown", "Wu", "Diaz", "Khan",
    "Ross")]  # fmt: skip


def turns(make, size=SIZE):
    """Page turns ``make(n)`` for n = 0, 1, ... up to ``size`` characters."""
    text, n = "", 0
    while len(text) < size:
        text += make(n)
        n += 1
    return text[:size]


ADVERSARIAL = {
    # Finding 2 as reported: spaces in a .txt, "<v " and "<rt>" in a VTT, page text
    # naming a guest over and over, and blank lines.
    "leading spaces, txt": (repeat(" ") + "Sarah: hi\n", "a.txt"),
    "spaces then colon, txt": (repeat(" ") + ":\n", "a.txt"),
    "voice spans, vtt": ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + repeat("<v "), "a.vtt"),
    "ruby text, vtt": ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + repeat("<rt>"), "a.vtt"),
    "joined by, page": (
        PAGE_HEADER + "- Welcome. We are joined by " + repeat("joined by Ann Lee, ") + ".\n",
        "a.txt",
    ),
    "blank lines, no name": (repeat("\n"), "a.txt"),
    "blank lines with spaces": (repeat(" \n"), "a.txt"),
    "dashes, page": (PAGE_HEADER + repeat("- "), "a.txt"),
    "dashes, txt": (repeat("-"), "a.txt"),
    "colons, txt": (repeat(":"), "a.txt"),
    "name colons, txt": (repeat("Ann: "), "a.txt"),
    "digits, srt": ("1\n" + repeat("9") + ":00:01,000 --> 00:00:02,000\nhi\n", "a.srt"),
    "digit colons, srt": (repeat("1:"), "a.srt"),
    "digit colons, vtt": ("WEBVTT\n\n" + repeat("1:") + "\n", "a.vtt"),
    "numbered lines, srt sniffing": (repeat("1\n"), "a.txt"),
    "stamps, txt": (repeat("[1:"), "a.txt"),
    "open brackets, txt": (repeat("Ann ("), "a.txt"),
    "entities, vtt": ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n&#" + repeat("9") + ";\n", "a.vtt"),
    "ampersands, vtt": ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + repeat("&a"), "a.vtt"),
    "tags, html": ("<p>" + repeat("<cite"), "a.html"),
    "unclosed tags, html": ("<p>" + repeat("<p "), "a.html"),
    "unclosed attributes, html": ("<p>" + repeat("<a b='"), "a.html"),
    "unclosed comments, html": ("<p>" + repeat("<!--"), "a.html"),
    "json digits": ('{"segments": [{"startTime": ' + repeat("9") + ', "body": "x"}]}', "a.json"),
    "json nesting": (repeat("["), "a.json"),
    "webvtt header noise": (repeat("w "), "a.txt"),
    "sentence ends, txt": ("Ann: " + repeat("a. "), "a.txt"),
    "no sentence end, txt": ("Ann: " + repeat("word "), "a.txt"),
    "greater-than markers, page": (PAGE_HEADER + "- Hi.\n" + repeat(">> "), "a.txt"),
    # Attribution's worst cases: thousands of turns, each naming or introducing
    # someone, until the cast is full; and 20,000 one-word turns.
    "guests joined by turn after turn, page": (
        PAGE_HEADER
        + turns(
            lambda n: f"- We are joined by {PEOPLE[n % 100]}. Thanks, {PEOPLE[n * 7 % 100]}?\n"
        ),
        "a.txt",
    ),
    "self-introductions of 100 people, page": (
        PAGE_HEADER
        + turns(
            lambda n: (
                f"- I'm {PEOPLE[n % 100]}. Thank you, "
                f"{PEOPLE[n * 7 % 100]}. One two three four five six seven eight nine ten.\n"
            )
        ),
        "a.txt",
    ),
    "one-word turns, page": (PAGE_HEADER + repeat("- A.\n"), "a.txt"),
}


def seconds_to_prepare(text, filename):
    started = time.process_time()
    try:
        prepare_transcript(text.encode(), filename=filename)
    except TranscriptImportError as error:
        assert error.message  # refused, with a message
    return time.process_time() - started


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_each_parser_reads_100_kb_of_adversarial_input_in_linear_time(name):
    text, filename = ADVERSARIAL[name]
    small = seconds_to_prepare(text[: len(text) // 10], filename)
    full = seconds_to_prepare(text, filename)
    for _ in range(2):  # a pause of the shared machine is not the parser: best of three
        if full < TIME_LIMIT_S and full < GROWTH_LIMIT * small + 0.5:
            break
        small = min(small, seconds_to_prepare(text[: len(text) // 10], filename))
        full = min(full, seconds_to_prepare(text, filename))
    assert full < TIME_LIMIT_S, f"{name}: {full:.1f} s for {len(text):,} characters"
    assert full < GROWTH_LIMIT * small + 0.5, f"{name}: {small:.2f} s, then {full:.2f} s"


# Finding 2's inputs exactly as reported, with what each took then.
AS_REPORTED = {
    "10,000 leading spaces in a 10 KB .txt (73 s)": (" " * 10_000 + "Sarah: hi\n", "a.txt"),
    '"<v " x 40,000 in a VTT (48 s)': (VTT_CUE + "<v " * 40_000, "a.vtt"),
    '"<rt>" x 40,000 in a VTT (34 s)': (VTT_CUE + "<rt>" * 40_000, "a.vtt"),
    'page text "joined by Ann Lee, " x 5,000 (54 s)': (
        PAGE_HEADER + "- We are joined by " + "joined by Ann Lee, " * 5_000 + ".\n",
        "a.txt",
    ),
    "60 KB of blank lines (11 s)": ("\n" * 60_000, "a.txt"),
}


@pytest.mark.parametrize("name", AS_REPORTED)
def test_each_input_of_finding_2_as_reported_is_read_or_refused_at_once(name):
    text, filename = AS_REPORTED[name]
    seconds = min(seconds_to_prepare(text, filename) for _ in range(2))
    assert seconds < TIME_LIMIT_S, f"{name}: {seconds:.1f} s"


def test_a_five_megabyte_line_with_no_sentence_end_becomes_short_paragraphs():
    from transcripts.limits import MAX_PARAGRAPH_CHARS

    words = " ".join(f"word{n % 97}" for n in range(700_000))  # ~5 MB, no full stop
    prepared = prepare_transcript(f"Ann Lee: {words}\n".encode(), filename="long.txt")
    assert len(prepared.paragraphs) > 2000
    assert all(len(p.text) <= MAX_PARAGRAPH_CHARS for p in prepared.paragraphs)
    assert " ".join(p.text for p in prepared.paragraphs) == words  # nothing lost, cut at words


def test_a_page_of_more_turns_than_any_programme_is_prepared_unattributed_with_a_warning():
    from transcripts.attribution import MAX_TURNS

    text = PAGE_HEADER + "".join(f"- I'm {PEOPLE[n % 100]}.\n" for n in range(MAX_TURNS + 1))
    prepared = prepare_transcript(text.encode(), filename="a.txt")
    assert not prepared.labels
    assert f"{MAX_TURNS + 1:,} turns, more than any programme has" in " ".join(prepared.warnings)
