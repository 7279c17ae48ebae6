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
   newest episodes first (transcript by transcript, each one scan of the search
   index, which holds the transcript beside the words, stopping where enough
   are found), then in a window sized from the density it saw, and only for a
   rare word searches the whole archive, where the GIN index alone is cheap.
3. If there were more, the candidates are trimmed to whole air dates, so every
   episode shown has all its matches counted; the page says the results cover
   episodes since that date and links to the search before it.
4. Candidates are grouped by episode in Python (at most ~1,000 small tuples),
   ordered by best paragraph rank or by date, paged, and counted for the facets.
5. Only the paragraphs on the page (three per episode) are fetched again, with
   ``ts_headline``: highlighting costs the same whatever the number of matches.

The package, a module a step: ``query`` (the words and the criteria),
``candidates`` (step 2 and 3's whole days), ``results`` (steps 4 and 5, one
episode's search, a search's feed), ``highlight`` (safe ``<mark>`` passages) and
``suggest`` (speakers and topics named, other spellings). Callers import from
here.
"""

from transcripts.search.highlight import (
    Hit,
    headline,
    highlighted,
    marked,
    plain_passage,
    plain_snippet,
)
from transcripts.search.query import (
    MAX_QUERY_CHARS,
    NEWEST,
    NOTHING_TO_FIND,
    RELEVANCE,
    STOP_WORDS_ONLY,
    SearchCriteria,
    printable,
    query_problem,
    tidy_words,
    websearch,
)
from transcripts.search.results import (
    CANDIDATE_LIMIT,
    EpisodeResult,
    EpisodeSearch,
    SearchResults,
    newest_hits,
    search,
    search_episode,
)
from transcripts.search.suggest import (
    SEARCH_WORDS,
    SPELLING_COUNT_CAP,
    Suggestions,
    refresh_search_words,
    spelling_suggestions,
    suggestions,
)

__all__ = [
    "CANDIDATE_LIMIT",
    "MAX_QUERY_CHARS",
    "NEWEST",
    "NOTHING_TO_FIND",
    "RELEVANCE",
    "SEARCH_WORDS",
    "SPELLING_COUNT_CAP",
    "STOP_WORDS_ONLY",
    "EpisodeResult",
    "EpisodeSearch",
    "Hit",
    "SearchCriteria",
    "SearchResults",
    "Suggestions",
    "headline",
    "highlighted",
    "marked",
    "newest_hits",
    "plain_passage",
    "plain_snippet",
    "printable",
    "query_problem",
    "refresh_search_words",
    "search",
    "search_episode",
    "spelling_suggestions",
    "suggestions",
    "tidy_words",
    "websearch",
]
