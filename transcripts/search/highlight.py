"""Highlighting, safe by construction: ``ts_headline`` on the rows shown only.

``ts_headline`` marks matches with two private-use characters (removed from the
text first, so a transcript cannot forge them); the text between the markers is
HTML-escaped piece by piece and the markers become ``<mark>`` and ``</mark>``.
The API gives the same passage as plain text with the markers' character offsets
instead (``highlighted``).
"""

import re
from dataclasses import dataclass
from html import escape as escape_html

from django.contrib.postgres.search import SearchHeadline
from django.db.models import F, Func, TextField, Value
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from transcripts.models import SEARCH_CONFIG, Segment

SNIPPET_WORDS = 40

# Private-use code points. ts_headline wraps matches in the first two; it also
# drops anything it parses as an HTML tag, so "<" and ">" are swapped for the
# other two before it runs, and back (as &lt; &gt;) after. All four are removed
# from the transcript text first, so any in the output are ours.
MARK_OPEN, MARK_CLOSE, LESS_THAN, GREATER_THAN = "\ue000", "\ue001", "\ue002", "\ue003"
_SENTINELS = MARK_OPEN + MARK_CLOSE + LESS_THAN + GREATER_THAN
_MARKERS = re.compile(f"([{MARK_OPEN}{MARK_CLOSE}])")


def headline(query, *, whole=False):
    """ts_headline of the text, with the sentinels removed and < > swapped for two of them.

    ``whole``: all of the text with every match marked, for the transcript itself."""
    protected_text = Func(
        F("text"),
        Value("<>" + _SENTINELS),
        Value(LESS_THAN + GREATER_THAN),  # < and > become these; the four sentinels go
        function="translate",
        output_field=TextField(),
    )
    return SearchHeadline(
        protected_text, query, config=SEARCH_CONFIG, **_PASSAGE, highlight_all=whole
    )


# One passage of 20-40 words around the best matches: fragments (MaxFragments) cut the
# text around each match more oddly than a reader expects.
_PASSAGE = {"start_sel": MARK_OPEN, "stop_sel": MARK_CLOSE, "max_words": 40, "min_words": 20}


def headline_sql(text_column):
    """(sql, params) of ``headline(query)`` in a statement written out by hand: the passage
    of ``text_column`` for the words given as ``%(words)s``; the same call as the ORM's,
    SearchHeadline's options string included."""
    options = (
        f"StartSel='{MARK_OPEN}', StopSel='{MARK_CLOSE}', MaxWords={_PASSAGE['max_words']},"
        f" MinWords={_PASSAGE['min_words']}, HighlightAll=false"
    )
    sql = (
        "ts_headline(%(config)s::regconfig,"
        f" translate({text_column}, %(protected)s, %(swapped)s),"
        " websearch_to_tsquery(%(config)s::regconfig, %(words)s), %(headline_options)s)"
    )
    params = {
        "config": SEARCH_CONFIG,
        "protected": "<>" + _SENTINELS,
        "swapped": LESS_THAN + GREATER_THAN,
        "headline_options": options,
    }
    return sql, params


def highlighted(headline_text, full_text):
    """(passage, spans) from a ts_headline result: the plain passage and the (start, end)
    character offsets of the matched words in it.

    An ellipsis says where the passage leaves out the start or the end of the paragraph.
    """
    text = headline_text.strip().replace(LESS_THAN, "<").replace(GREATER_THAN, ">")
    # Text and markers alternate: a search page's 30 passages are ~200 pieces, where a
    # loop over their ~8,000 characters was a fifth of the page's Python.
    pieces = _MARKERS.split(text)
    kept, spans, opened, length = pieces[::2], [], None, 0
    for number, marker in enumerate(pieces[1::2]):
        length += len(kept[number])
        if marker == MARK_OPEN:
            opened = length
        else:
            if opened is not None:
                spans.append((opened, length))
            opened = None
    passage = "".join(kept)
    words = passage.split()
    before = "… " if words and not full_text.lstrip().startswith(words[0]) else ""
    after = " …" if words and not full_text.rstrip().endswith(words[-1]) else ""
    spans = [(start + len(before), end + len(before)) for start, end in spans]
    return before + passage + after, spans


def marked(headline_text, full_text):
    """Safe HTML from a ts_headline result: the passage escaped, the matches in <mark>."""
    passage, spans = highlighted(headline_text, full_text)
    pieces, shown = [], 0
    for start, end in spans:
        pieces += [
            escape_html(passage[shown:start]),
            "<mark>",
            escape_html(passage[start:end]),
            "</mark>",
        ]
        shown = end
    pieces.append(escape_html(passage[shown:]))
    return mark_safe("".join(pieces))  # every piece of text escaped: the only markup is ours


def plain_passage(text):
    """The start of a paragraph, for listings without search words."""
    return Truncator(text).words(SNIPPET_WORDS, truncate=" …")


def plain_snippet(text):
    """The start of a paragraph, escaped, for listings without search words."""
    return mark_safe(escape_html(plain_passage(text)))


@dataclass
class Hit:
    """A matching paragraph: ``segment`` (speaker loaded) and its highlighted ``snippet``."""

    segment: Segment
    snippet: SafeString
    # In one episode's search: all of the paragraph's text with every match marked.
    marked_text: SafeString | None = None

    @property
    def episode(self):
        """The paragraph's Episode (load the transcript's with it); the search page's
        ``ShownHit.episode`` is a ShownEpisode of plain values instead."""
        return self.segment.transcript.episode


def hits_of(segments, query, *, related=("speaker",)):
    """Hits for ``segments`` with safe snippets; ts_headline runs on these rows only.

    ``related`` is passed to select_related; a transcript's original file and
    warnings are never loaded with it, nor the rows' stored search_vector.
    """
    segments = segments.select_related(*related).defer("search_vector")
    if any(name.startswith("transcript") for name in related):
        segments = segments.defer("transcript__original", "transcript__warnings")
    if query is None:
        return [Hit(segment, plain_snippet(segment.text)) for segment in segments]
    segments = segments.annotate(found_headline=headline(query))
    return [Hit(segment, marked(segment.found_headline, segment.text)) for segment in segments]
