"""The words of a search and what it searches: tidied, checked once in PostgreSQL, and the
validated criteria (transcripts.filters.SearchForm makes them) as querysets."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

from episodes.models import Show, Topic, published_through
from episodes.reads import reading_connection
from transcripts.models import SEARCH_CONFIG, Segment, Transcript

RELEVANCE, NEWEST = "relevance", "date"
MAX_QUERY_CHARS = 200

STOP_WORDS_ONLY = (
    "Your search has only very common words (like “the” or “and”), which are not indexed. "
    "Add a more specific word."
)
NOTHING_TO_FIND = (
    "Your search only says what to leave out (-word). Add a word to look for, e.g. housing -rent."
)


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
    with reading_connection(Segment).cursor() as cursor:
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

    # Written out by candidates._archive_matches too: a filter added here is added there.
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

    def episode_filters_key(self):
        """What ``_episode_conditions`` depends on: the key of anything kept per episode
        filters (a filter added there is added here)."""
        return (
            self.show.pk if self.show else None,
            self.topic.pk if self.topic else None,
            self.date_from,
            self.date_to,
        )

    def transcripts(self):
        """Current transcripts of the episodes that pass the filters, newest first."""
        return (
            Transcript.objects.current()
            .filter(self._episode_conditions("episode__"))
            .order_by("-episode__air_date", "-episode_id")
        )

    def segments(self):
        """Paragraphs that pass the filters (the words are applied by the search). The
        whole archive's search writes them out (``candidates._archive_matches``): a filter
        added here is added there."""
        return (
            self.segments_only().current().filter(self._episode_conditions("transcript__episode__"))
        )

    def segments_only(self):
        """The paragraph-level filters alone, for paragraphs of transcripts chosen already.
        (The candidates' SQL, ``candidates._paragraph_conditions``, writes them out: a
        filter added here is added there.)"""
        # Stage directions are nobody's words (their search vector is empty too).
        segments = Segment.objects.filter(kind=Segment.Kind.SPEECH)
        if self.speakers:
            segments = segments.filter(speaker__in=self.speakers)
        return segments
