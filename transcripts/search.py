"""Full-text search over the public archive: bounded queries, collapsed to episodes,
highlighted last.

How a search runs (``search``):

1. The words are checked once in PostgreSQL (``numnode``/``querytree`` of the
   ``websearch_to_tsquery``): only stop words, or only ``-excluded`` words (which
   no index can answer), get a message instead of a scan.
2. The *candidates* are fetched: the matching paragraphs of published
   episodes' current transcripts, newest episodes first, at most
   ``CANDIDATE_LIMIT + 1`` of them, each with its ``ts_rank``. Nothing counts,
   ranks or sorts more rows than that. To find the newest matches without
   reading every match of a common word, the search looks in a *window* of the
   newest episodes first (``transcript_id = ANY(...)``, which PostgreSQL
   answers by AND-ing the GIN bitmap with the transcript index, or for a very
   common word by reading those few episodes), then in a window sized from the
   density it saw, and only for a rare word searches the whole archive, where
   the GIN index alone is cheap.
3. If there were more, the candidates are trimmed to whole air dates, so every
   episode shown has all its matches counted; the page says the results cover
   episodes since that date and links to the search before it.
4. Candidates are grouped by episode in Python (at most ~1,000 small tuples),
   ordered by best paragraph rank or by date, paged, and counted for the facets.
5. Only the paragraphs on the page (three per episode) are fetched again, with
   ``ts_headline``: highlighting costs the same whatever the number of matches.

Highlighting is safe by construction: ``ts_headline`` marks matches with two
private-use characters (removed from the text first, so a transcript cannot
forge them); the text between the markers is HTML-escaped piece by piece and
the markers become ``<mark>`` and ``</mark>``. The API gives the same passage as
plain text with the markers' character offsets instead (``highlighted``).
"""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from episodes.models import Episode, Show, Speaker, Topic, published_through
from transcripts.models import SEARCH_CONFIG, Segment, Transcript

RELEVANCE, NEWEST = "relevance", "date"
# Matching paragraphs considered per search (ranked, grouped, counted).
CANDIDATE_LIMIT = 1000
# Windows of newest episodes searched first: the first holds FIRST_WINDOW episodes;
# past MAX_WINDOW episodes the word is rare and the whole archive is searched at once.
FIRST_WINDOW = 8
MAX_WINDOW = 300
# Above this many matches per episode, reading a window's paragraphs beats the GIN
# bitmap of the word (whose cost grows with its matches in the whole archive).
DENSE_MATCHES_PER_EPISODE = 25
EPISODES_PER_PAGE = 10
HITS_PER_EPISODE = 3
SPEAKER_FACETS = 10
# In-episode search lists at most this many paragraphs (an episode has a few thousand).
EPISODE_HIT_LIMIT = 100
FEED_ITEMS = 30
MAX_QUERY_CHARS = 200
SNIPPET_WORDS = 40

# Private-use code points. ts_headline wraps matches in the first two; it also
# drops anything it parses as an HTML tag, so "<" and ">" are swapped for the
# other two before it runs, and back (as &lt; &gt;) after. All four are removed
# from the transcript text first, so any in the output are ours.
MARK_OPEN, MARK_CLOSE, LESS_THAN, GREATER_THAN = "\ue000", "\ue001", "\ue002", "\ue003"
_SENTINELS = MARK_OPEN + MARK_CLOSE + LESS_THAN + GREATER_THAN

STOP_WORDS_ONLY = (
    "Your search has only very common words (like “the” or “and”), which are not indexed. "
    "Add a more specific word."
)
NOTHING_TO_FIND = (
    "Your search only says what to leave out (-word). Add a word to look for, e.g. housing -rent."
)


# --- The words ----------------------------------------------------------------------


def printable(text):
    """Text with control characters (NUL, escapes) as spaces and runs of space as one."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)
    return " ".join(text.split())


def tidy_words(text):
    """(words, notice): what the reader typed, printable and at most MAX_QUERY_CHARS long.

    A long query is cut at a word rather than refused; the notice says so.
    """
    words = printable(text or "")
    if len(words) <= MAX_QUERY_CHARS:
        return words, ""
    cut = words[:MAX_QUERY_CHARS]
    if " " in cut[MAX_QUERY_CHARS // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut, (
        f"Your search was longer than {MAX_QUERY_CHARS} characters, so it was cut to: “{cut}”."
    )


def websearch(words):
    """Web search syntax: "a phrase", OR, -excluded; English stemming, accents ignored."""
    return SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)


def query_problem(words):
    """A message if ``words`` cannot be searched with the index, else ""."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(q), querytree(q) FROM websearch_to_tsquery(%s::regconfig, %s) q",
            [SEARCH_CONFIG, words],
        )
        nodes, indexable = cursor.fetchone()
    if nodes == 0:
        return STOP_WORDS_ONLY
    if indexable == "T":  # nothing positive: it would match (almost) every paragraph
        return NOTHING_TO_FIND
    return ""


# --- What to search ------------------------------------------------------------------


@dataclass(frozen=True)
class SearchCriteria:
    """A validated search: the words and the filters (transcripts.filters.SearchForm makes it)."""

    words: str = ""
    sort: str = RELEVANCE
    speakers: tuple = ()
    show: Show | None = None
    topic: Topic | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def has_filters(self):
        return bool(self.speakers or self.show or self.topic or self.date_from or self.date_to)

    def _episode_conditions(self, path):
        conditions = published_through(path)
        if self.show:
            conditions &= Q(**{f"{path}show": self.show})
        if self.topic:
            conditions &= Q(**{f"{path}topics": self.topic})
        if self.date_from:
            conditions &= Q(**{f"{path}air_date__gte": self.date_from})
        if self.date_to:
            conditions &= Q(**{f"{path}air_date__lte": self.date_to})
        return conditions

    def transcripts(self):
        """Current transcripts of the episodes that pass the filters, newest first."""
        return (
            Transcript.objects.current()
            .filter(self._episode_conditions("episode__"))
            .order_by("-episode__air_date", "-episode_id")
        )

    def segments(self):
        """Paragraphs that pass the filters (the words are applied by the search)."""
        return (
            self.segments_only().current().filter(self._episode_conditions("transcript__episode__"))
        )

    def segments_only(self):
        """The paragraph-level filters alone, for paragraphs of transcripts chosen already."""
        # Stage directions are nobody's words (their search vector is empty too).
        segments = Segment.objects.filter(kind=Segment.Kind.SPEECH)
        if self.speakers:
            segments = segments.filter(speaker__in=self.speakers)
        return segments


# --- Highlighting --------------------------------------------------------------------


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
    # One passage of 20-40 words around the best matches: fragments (MaxFragments)
    # cut the text around each match more oddly than a reader expects.
    return SearchHeadline(
        protected_text,
        query,
        config=SEARCH_CONFIG,
        start_sel=MARK_OPEN,
        stop_sel=MARK_CLOSE,
        max_words=40,
        min_words=20,
        highlight_all=whole,
    )


def highlighted(headline_text, full_text):
    """(passage, spans) from a ts_headline result: the plain passage and the (start, end)
    character offsets of the matched words in it.

    An ellipsis says where the passage leaves out the start or the end of the paragraph.
    """
    characters, spans, opened = [], [], None
    for char in headline_text.strip():
        if char == MARK_OPEN:
            opened = len(characters)
        elif char == MARK_CLOSE:
            if opened is not None:
                spans.append((opened, len(characters)))
            opened = None
        else:
            characters.append({LESS_THAN: "<", GREATER_THAN: ">"}.get(char, char))
    passage = "".join(characters)
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
        pieces += [escape(passage[shown:start]), "<mark>", escape(passage[start:end]), "</mark>"]
        shown = end
    pieces.append(escape(passage[shown:]))
    return mark_safe("".join(pieces))  # every piece of text escaped: the only markup is ours


def plain_passage(text):
    """The start of a paragraph, for listings without search words."""
    return Truncator(text).words(SNIPPET_WORDS, truncate=" …")


def plain_snippet(text):
    """The start of a paragraph, escaped, for listings without search words."""
    return escape(plain_passage(text))


@dataclass
class Hit:
    """A matching paragraph: ``segment`` (speaker loaded) and its highlighted ``snippet``."""

    segment: Segment
    snippet: SafeString
    # In one episode's search: all of the paragraph's text with every match marked.
    marked_text: SafeString | None = None


def _hits(segments, query, *, related=("speaker",)):
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


# --- The candidates ------------------------------------------------------------------


class Candidate(NamedTuple):
    segment_id: int
    episode_id: int
    air_date: date
    show_id: int
    speaker_id: int | None
    position: int
    rank: float


def newest_matches(criteria, query, *, limit):
    """The newest ``limit`` matching paragraphs as Candidates, newest episode first.

    Windows of the newest episodes are searched first, each sized from the
    density of matches seen so far: a common word fills ``limit`` in the first,
    a middling one in the second. When the next window would be too wide the
    word is rare, and one query over the whole archive is cheap (its GIN
    posting list is short); it also catches what the windows found.
    """
    transcripts = criteria.transcripts().values_list(
        "pk", "episode_id", "episode__air_date", "episode__show_id"
    )
    found, searched, size = [], 0, FIRST_WINDOW
    while searched + size <= MAX_WINDOW:
        window = list(transcripts[searched : searched + size])
        # The first window is the planner's; after it we know how dense the matches are.
        sparse = searched > 0 and len(found) / searched < DENSE_MATCHES_PER_EPISODE
        found += _window_matches(
            criteria, query, window, limit=limit - len(found), force_bitmap=sparse
        )
        searched += len(window)
        if len(found) >= limit or len(window) < size:  # enough, or no older episodes
            return found[:limit]
        # Size the next window to hold what is missing, with a margin: matches are
        # lumpy, and a third window costs another scan of the word's posting list.
        missing = limit - len(found)
        size = math.ceil(1.6 * missing * searched / len(found)) if found else MAX_WINDOW + 1
    return _archive_matches(criteria, query, limit=limit)


def _rank(query):
    if query is None:
        return Value(0.0, output_field=FloatField())
    # Plain ts_rank: more mentions score higher, with diminishing returns; dividing by
    # length (normalization 1 or 2) let one-line replies outrank substantive answers.
    return SearchRank(F("search_vector"), query)


def _window_matches(criteria, query, window, *, limit, force_bitmap):
    """The first ``limit`` matches in the ``window`` transcripts, in window order.

    The query has no joins: the window already applied the episode filters.
    For a middling word PostgreSQL underrates reading every paragraph of the
    window and testing it (~1 µs each); ANDing the GIN bitmap with the
    transcript index reads only the matches, so we ask for bitmaps then.
    """
    if not window:
        return []
    episode_of = {row[0]: (*row[1:],) for row in window}
    transcript_ids = list(episode_of)
    # One array parameter (not IN with a parameter per id): cheaper to send and to plan.
    in_window = RawSQL(
        "transcript_id = ANY(%s::bigint[])", (transcript_ids,), output_field=BooleanField()
    )
    matches = criteria.segments_only().filter(in_window)
    if query is not None:
        matches = matches.filter(search_vector=query)
    window_order = RawSQL("array_position(%s::bigint[], transcript_id)", (transcript_ids,))
    rows = (
        matches.annotate(found_rank=_rank(query))
        .order_by(window_order, "position")
        .values_list("pk", "transcript_id", "speaker_id", "position", "found_rank")[:limit]
    )
    if force_bitmap:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")  # for this query only
            rows = list(rows)
    found = []
    for segment_id, transcript_id, speaker_id, position, rank in rows:
        episode_id, air_date, show_id = episode_of[transcript_id]
        found.append(
            Candidate(segment_id, episode_id, air_date, show_id, speaker_id, position, rank)
        )
    return found


def _archive_matches(criteria, query, *, limit):
    """One query over the whole archive: the newest ``limit`` matches, ranked."""
    matches = criteria.segments()
    if query is not None:
        matches = matches.filter(search_vector=query)
    rows = (
        matches.annotate(
            found_episode=F("transcript__episode_id"),
            found_date=F("transcript__episode__air_date"),
            found_show=F("transcript__episode__show_id"),
            found_rank=_rank(query),
        )
        .order_by("-transcript__episode__air_date", "-transcript__episode_id", "position")
        .values_list(
            "pk",
            "found_episode",
            "found_date",
            "found_show",
            "speaker_id",
            "position",
            "found_rank",
        )[:limit]
    )
    return [Candidate(*row) for row in rows]


def _whole_days(candidates):
    """Drop the oldest air date's matches (it may be cut short), so every count is whole.

    Returns (candidates, since): since is the oldest air date kept.
    """
    oldest = candidates[-1].air_date
    whole = [c for c in candidates if c.air_date > oldest]
    if not whole:  # one day holds more matches than the limit: keep them, partial
        return candidates, oldest
    return whole, whole[-1].air_date


# --- Results -------------------------------------------------------------------------


@dataclass
class EpisodeResult:
    episode: Episode
    hits: list[Hit]
    match_count: int

    @property
    def more(self):
        return self.match_count - len(self.hits)


@dataclass
class SearchResults:
    criteria: SearchCriteria
    page: Page  # of EpisodeResult
    paragraph_count: int  # matching paragraphs counted (all of them unless capped)
    episode_count: int
    capped: bool = False  # more paragraphs match than were considered
    limit: int = 0  # how many matching paragraphs a search considers at most
    since: date | None = None  # when capped: only episodes aired on or after this day
    message: str = ""
    speakers: list = field(default_factory=list)  # (Speaker, count), most first
    shows: list = field(default_factory=list)  # (Show, count), most first
    years: list = field(default_factory=list)  # (year, count), newest first

    @property
    def searched_before(self):
        """The date_to that continues a capped search into older episodes."""
        return self.since - timedelta(days=1) if self.since else None


def search(criteria, *, page_number=1):
    """Search the public archive; without words, list the paragraphs that pass the filters.

    Results are episodes, each with its best paragraphs, by best match or newest first.
    """
    query = None
    if criteria.words:
        problem = query_problem(criteria.words)
        if problem:
            return _no_results(criteria, message=problem)
        query = websearch(criteria.words)
    candidates = newest_matches(criteria, query, limit=CANDIDATE_LIMIT + 1)
    capped = len(candidates) > CANDIDATE_LIMIT
    since = None
    if capped:
        candidates, since = _whole_days(candidates[:CANDIDATE_LIMIT])
    groups = _group_by_episode(candidates, by_date=criteria.sort == NEWEST or query is None)
    page = Paginator(groups, EPISODES_PER_PAGE).get_page(page_number)
    page.object_list = _episode_results(page.object_list, query)
    return SearchResults(
        criteria=criteria,
        page=page,
        paragraph_count=len(candidates),
        episode_count=len(groups),
        capped=capped,
        limit=CANDIDATE_LIMIT,
        since=since,
        **_facets(candidates),
    )


def _no_results(criteria, *, message=""):
    return SearchResults(
        criteria=criteria,
        page=Paginator([], EPISODES_PER_PAGE).get_page(1),
        paragraph_count=0,
        episode_count=0,
        message=message,
    )


@dataclass
class _Group:
    episode_id: int
    candidates: list = field(default_factory=list)

    @property
    def best_rank(self):
        return max(c.rank for c in self.candidates)


def _group_by_episode(candidates, *, by_date):
    groups = {}
    for candidate in candidates:
        group = groups.setdefault(candidate.episode_id, _Group(candidate.episode_id))
        group.candidates.append(candidate)
    ordered = list(groups.values())  # newest first, as the candidates came
    if not by_date:
        # Best paragraph first, then the episode with more of them; ties stay newest first.
        ordered.sort(key=lambda group: (-group.best_rank, -len(group.candidates)))
    return ordered


def _episode_results(groups, query):
    """The page's episodes with their best paragraphs, highlighted: one query, whatever the page."""
    chosen = {}
    for group in groups:
        best = sorted(group.candidates, key=lambda c: (-c.rank, c.position))[:HITS_PER_EPISODE]
        chosen[group.episode_id] = sorted(best, key=lambda c: c.position)
    hits = _hits_by_id([c.segment_id for best in chosen.values() for c in best], query)
    results = []
    for group in groups:
        episode_hits = [hits[c.segment_id] for c in chosen[group.episode_id]]
        episode = episode_hits[0].segment.transcript.episode
        results.append(EpisodeResult(episode, episode_hits, match_count=len(group.candidates)))
    return results


def _hits_by_id(segment_ids, query):
    segments = Segment.objects.filter(pk__in=segment_ids).order_by()  # sorted by the caller
    hits = _hits(segments, query, related=("speaker", "transcript__episode__show"))
    return {hit.segment.pk: hit for hit in hits}


def _facets(candidates):
    """Speakers, shows and years among the candidates, most frequent first: two queries."""
    by_speaker = Counter(c.speaker_id for c in candidates if c.speaker_id is not None)
    top_speakers = by_speaker.most_common(SPEAKER_FACETS)
    speakers = Speaker.objects.only("name", "slug").in_bulk([pk for pk, _ in top_speakers])
    by_show = Counter(c.show_id for c in candidates)
    shows = Show.objects.only("name", "slug").in_bulk(list(by_show))
    by_year = Counter(c.air_date.year for c in candidates)
    return {
        "speakers": [(speakers[pk], count) for pk, count in top_speakers if pk in speakers],
        "shows": sorted(
            ((shows[pk], count) for pk, count in by_show.items()),
            key=lambda pair: (-pair[1], pair[0].name),
        ),
        "years": sorted(by_year.items(), reverse=True),
    }


# --- In one episode ------------------------------------------------------------------


@dataclass
class EpisodeSearch:
    """What the episode page shows for ?q=: ``hits`` in transcript order, ``total``, ``message``."""

    hits: list[Hit]
    total: int
    message: str = ""


def search_episode(transcript, query):
    """Search one transcript's paragraphs (the caller has checked the episode may be shown)."""
    words, notice = tidy_words(query)
    problem = query_problem(words) if words else "Type a word to look for."
    if problem:
        return EpisodeSearch([], 0, problem)
    matches = transcript.segments.filter(search_vector=websearch(words))
    shown = matches.order_by("position")[: EPISODE_HIT_LIMIT + 1]
    hits = _hits(
        shown.annotate(whole_headline=headline(websearch(words), whole=True)), websearch(words)
    )
    for hit in hits:
        hit.marked_text = marked(hit.segment.whole_headline, hit.segment.text)
    total = len(hits)
    if total > EPISODE_HIT_LIMIT:
        hits = hits[:EPISODE_HIT_LIMIT]
        total = matches.count()  # bounded by the one transcript's size
        notice = " ".join(filter(None, [notice, f"Showing the first {EPISODE_HIT_LIMIT}."]))
    return EpisodeSearch(hits, total, notice)


# --- Feeds ---------------------------------------------------------------------------


def newest_hits(criteria, *, limit=FEED_ITEMS):
    """The newest matching paragraphs, with their episodes, for a search's feed."""
    query = None
    if criteria.words:
        if query_problem(criteria.words):
            return []
        query = websearch(criteria.words)
    newest = newest_matches(criteria, query, limit=limit)
    by_id = _hits_by_id([c.segment_id for c in newest], query)
    # Within an episode the feed goes backwards in time too: the last word is the newest.
    newest.sort(key=lambda c: (c.air_date, c.episode_id, c.position), reverse=True)
    return [by_id[c.segment_id] for c in newest]


# --- Suggestions ---------------------------------------------------------------------

_OPERATORS = re.compile(r"""["“”]|(^|\s)-\S|\bOR\b""")


@dataclass
class Suggestions:
    speakers: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    # Searches with other spellings, from the archive's own words: (words, paragraphs).
    spellings: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.speakers or self.topics or self.spellings)


def looks_like_a_name(words):
    return bool(words) and len(words.split()) <= 4 and not _OPERATORS.search(words)


def suggestions(words):
    """Speakers and topics the words seem to name (forgiving misspellings)."""
    if not looks_like_a_name(words):
        return Suggestions()
    return Suggestions(Speaker.objects.named_like(words), _topics_named_like(words))


def _topics_named_like(words):
    return list(
        Topic.objects.public()
        .annotate(
            found_likeness=Func(
                Unaccent(Lower("name")),
                Unaccent(Lower(Value(words))),
                function="strict_word_similarity",
                output_field=FloatField(),
            )
        )
        .filter(found_likeness__gte=0.6)
        .order_by("-found_likeness", "name")[:2]
    )


# --- "Did you mean" --------------------------------------------------------------------

SEARCH_WORDS = "transcripts_searchword"  # migration 0005: words said in published episodes
SPELLING_COUNT_CAP = 1000  # "1000+": counting every match of a common word costs too much
_PLAIN_WORD = re.compile(r"[^\W\d_]{3,40}")


def refresh_search_words():
    """Fill (or bring up to date) the words spelling suggestions come from."""
    with connection.cursor() as cursor:
        cursor.execute(f"REFRESH MATERIALIZED VIEW {SEARCH_WORDS}")


def spelling_suggestions(words, *, limit=3):
    """For a search that found nothing: the same search with a word swapped for a
    similar word the archive says (trigram similarity, the more often said first),
    each with how many published paragraphs it finds. Nothing before the words were
    first gathered (refresh_search_words)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relispopulated FROM pg_class WHERE relname = %s", [SEARCH_WORDS])
        row = cursor.fetchone()
        if not row or not row[0]:
            return []
        found = []
        for typed in dict.fromkeys(_PLAIN_WORD.findall(words.lower())):
            cursor.execute(
                f"SELECT word FROM {SEARCH_WORDS} WHERE word %% %s AND word <> %s "
                "ORDER BY similarity(word, %s) DESC, paragraphs DESC LIMIT %s",
                [typed, typed, typed, limit],
            )
            for (word,) in cursor.fetchall():
                changed = re.sub(rf"\b{re.escape(typed)}\b", word, words, flags=re.IGNORECASE)
                # Counted now, on what is public now: the word list may be a day old.
                matches = Segment.objects.public().filter(search_vector=websearch(changed))
                count = matches[:SPELLING_COUNT_CAP].count()
                if count:
                    found.append((changed, count))
    return sorted(found, key=lambda pair: -pair[1])[:limit]
