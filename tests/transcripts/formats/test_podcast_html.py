"""Podcasting 2.0 HTML: <cite> speakers, <time> starts, <p> paragraphs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_files import shared_file
from tests.transcripts.formats.conftest import parsed_or_refused
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript, podcast_html


def test_podcast_namespace_example_reads_speakers_times_and_entities():
    path = shared_file("samples/podcast-namespace/example.html")

    parsed = parse_transcript(path.read_bytes(), filename=path.name)

    assert parsed.format == "html"
    assert len(parsed.cues) == 10
    first, second = parsed.cues[:2]
    assert (first.speaker, first.start_ms, first.end_ms, first.line) == ("Travis", 0, 53_000, 1)
    assert first.text.startswith("When you first get started in podcasting, it's almost")
    assert (second.speaker, second.start_ms) == ("Sarah", 53_000)
    assert [cue.speaker for cue in parsed.cues].count("Gilon") == 3
    assert parsed.cues[-1].end_ms is None
    assert not any("&#39;" in cue.text for cue in parsed.cues)


def test_each_cue_ends_where_the_next_starts():
    parsed = podcast_html.parse(
        "<cite>A:</cite><time>0:05</time><p>one</p>"
        "<cite>B:</cite><time>1:02:03</time><p>two</p>"
        "<cite>A:</cite><time>1:02:10</time><p>three</p>"
    )

    assert [(cue.speaker, cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        ("A", 5_000, 3_723_000),
        ("B", 3_723_000, 3_730_000),
        ("A", 3_730_000, None),
    ]


def test_untidy_markup_paragraph_without_close_and_nested_tags():
    parsed = podcast_html.parse(
        "<html><head><title>Show</title><style>p {}</style></head><body>\n"
        "<cite> Rosa  Delgado : </cite>\n<time>0:01</time>\n"
        "<p>Q&amp;A <b>time</b>,<br>caf&eacute; &ldquo;ok&rdquo;\n"
        "<p>Second paragraph, same speaker\n"
        "</body></html>"
    )

    assert [(cue.speaker, cue.text, cue.start_ms) for cue in parsed.cues] == [
        ("Rosa Delgado", "Q&A time, café “ok”", 1000),
        ("Rosa Delgado", "Second paragraph, same speaker", None),
    ]
    assert parsed.cues[0].line == 2


def test_cite_inside_the_paragraph_names_its_speaker():
    parsed = podcast_html.parse("<p><cite>Sarah:</cite> Hello there</p>")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == ("Sarah", "Hello there")


def test_unreadable_time_is_refused_at_its_line():
    with pytest.raises(TranscriptFormatError) as refused:
        podcast_html.parse(
            "<cite>A:</cite>\n<time>0:05</time>\n<p>one</p>\n<time>soon</time>\n<p>two</p>"
        )

    assert (refused.value.line, refused.value.cue) == (4, 2)
    assert "soon" in refused.value.message


def test_html_without_paragraphs_is_refused():
    with pytest.raises(TranscriptFormatError, match="no <p>"):
        podcast_html.parse("<cite>A:</cite><time>0:01</time>")


def test_cp1252_html_keeps_curly_quotes():
    data = "<cite>Zoë:</cite><time>0:00</time><p>“Bonjour” — café</p>".encode("cp1252")

    parsed = parse_transcript(data)

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == ("Zoë", "“Bonjour” — café")


HTML_PIECES = st.sampled_from(
    [
        "<cite>",
        "</cite>",
        "A:",
        "<time>",
        "</time>",
        "0:05",
        "99:99",
        "<p>",
        "</p>",
        "text",
        "&amp;",
        "&#0;",
        "<br>",
        "<script>",
        "</script>",
        "<",
        ">",
        "\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HTML_PIECES | st.text(max_size=10), max_size=20))
def test_any_html_like_text_parses_or_is_refused_cleanly(pieces):
    parsed = parsed_or_refused("".join(pieces).encode(), "html")
    assert parsed is None or all(cue.text for cue in parsed.cues)
