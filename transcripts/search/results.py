"""Results: the candidates collapsed to episodes, paged, counted for the facets, and
highlighted last; the same for one episode's page and for a search's feed."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString

from episodes.cached import generation, kept_here
from episodes.models import Episode, Show, Speaker, episode_addresses
from episodes.reads import id_array, reading_connection
from forum_archive.reversing import addresses_of
from transcripts.keys import ANCHOR_PREFIX
from transcripts.models import Segment, Transcript
from transcripts.parsed import UNKNOWN_SPEAKER
from transcripts.search.candidates import newest_matches, whole_days
from transcripts.search.highlight import (
    Hit,
    headline,
    headline_sql,
    hits_of,
    marked,
    plain_snippet,
)
from transcripts.search.query import NEWEST, SearchCriteria, query_problem, tidy_words, websearch

# Matching paragraphs considered per search (ranked, grouped, counted).
CANDIDATE_LIMIT = 1000

EPISODES_PER_PAGE = 10
HITS_PER_EPISODE = 3
SPEAKER_FACETS = 10
# In-episode search lists at most this many paragraphs (an episode has a few thousand).
EPISODE_HIT_LIMIT = 100
FEED_ITEMS = 30


class ShownEpisode(NamedTuple):
    """A result's episode as the search page shows it: plain values, no model instance, its
    addresses made (a template's call of a function costs ~4 µs, Jinja2's context.call)."""

    title: str
    url: str
    air_date: date
    date_iso: str
    show_name: str
    show_url: str


class ShownHit(NamedTuple):
    """A hit as the search page shows it: plain values, no model instance."""

    episode: ShownEpisode
    anchor: str
    start_ms: int
    estimated: bool  # the transcript's times were estimated
    speaker_url: str  # "": no known speaker, ``name`` is the label
    name: str  # reading.display_name's
    snippet: SafeString


@dataclass
class EpisodeResult:
    episode: Episode | ShownEpisode
    hits: list[Hit] | list[ShownHit]
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


def search(criteria, *, page_number=1, plain=False):
    """Search the public archive; without words, list the paragraphs that pass the filters.

    Results are episodes, each with its best paragraphs, by best match or newest first:
    Episode and Hit (with its Segment) for the API's serializers, or with ``plain`` the
    search page's ShownEpisode and ShownHit.
    """
    query = None
    if criteria.words:
        # Words that only leave words out ("-smoke") are refused before a scan no index
        # can answer; other words are checked only when they find nothing (so do stop
        # words alone), which spares every search that finds something a statement.
        problem = query_problem(criteria.words) if "-" in criteria.words else ""
        if problem:
            return _no_results(criteria, message=problem)
        query = websearch(criteria.words)
    candidates = newest_matches(criteria, query, limit=CANDIDATE_LIMIT + 1)
    if not candidates and criteria.words:
        problem = query_problem(criteria.words)
        if problem:
            return _no_results(criteria, message=problem)
    capped = len(candidates) > CANDIDATE_LIMIT
    since = None
    if capped:
        candidates, since = whole_days(candidates[:CANDIDATE_LIMIT])
    groups = _group_by_episode(candidates, by_date=criteria.sort == NEWEST or query is None)
    page = Paginator(groups, EPISODES_PER_PAGE).get_page(page_number)
    if plain:
        page.object_list = _episode_results(page.object_list, _shown_by_id, criteria.words)
    else:
        page.object_list = _episode_results(page.object_list, _hits_by_id, query)
    return SearchResults(
        criteria=criteria,
        page=page,
        paragraph_count=len(candidates),
        episode_count=len(groups),
        capped=capped,
        limit=CANDIDATE_LIMIT,
        since=since,
        **_facets(candidates, criteria),
    )


def _no_results(criteria, *, message=""):
    return SearchResults(
        criteria=criteria,
        page=Paginator([], EPISODES_PER_PAGE).get_page(1),
        paragraph_count=0,
        episode_count=0,
        message=message,
    )


class _Group(NamedTuple):
    episode_id: int
    candidates: list
    # By relevance, groups sort on this: their best paragraph first, then the episode
    # with more of them.
    order: tuple


_RANK = attrgetter("rank")
_EPISODE = attrgetter("episode_id")
_ORDER = attrgetter("order")
_POSITION = attrgetter("position")


def _group_by_episode(candidates, *, by_date):
    # An episode's candidates come together (newest_matches orders them by episode, then
    # position), so they are grouped as they run, not looked up one by one (~2 calls each),
    # and each group is a tuple made in C with its order (a phrase has ~200 groups, each
    # built and keyed by Python functions before).
    ordered = [
        _grouped(episode_id, list(members)) for episode_id, members in groupby(candidates, _EPISODE)
    ]
    if not by_date:
        ordered.sort(key=_ORDER)  # ties stay newest first, as the candidates came
    return ordered


def _grouped(episode_id, members):
    return tuple.__new__(_Group, (episode_id, members, (-max(map(_RANK, members)), -len(members))))


def _episode_results(groups, hits_by_id, words):
    """The page's episodes with their best paragraphs, highlighted: one query, whatever the
    page. ``hits_by_id(segment_ids, words)`` fetches them (``_hits_by_id`` or ``_shown_by_id``)."""
    chosen = {}
    for group in groups:
        # Best rank first, ties in transcript order: a group's candidates come in position
        # order and the sort is stable (a key in C, not a lambda for each candidate).
        best = sorted(group.candidates, key=_RANK, reverse=True)[:HITS_PER_EPISODE]
        chosen[group.episode_id] = sorted(best, key=_POSITION)
    hits = hits_by_id([c.segment_id for best in chosen.values() for c in best], words)
    results = []
    for group in groups:
        episode_hits = [hits[c.segment_id] for c in chosen[group.episode_id]]
        episode = episode_hits[0].episode
        results.append(EpisodeResult(episode, episode_hits, match_count=len(group.candidates)))
    return results


# What a search hit shows on the page, in a feed and in the API: loading only these
# columns (not the episodes' descriptions, the paragraphs' former anchors...) makes the
# rows lighter to send and to build.
HIT_FIELDS = (
    *("key", "position", "kind", "text", "start_ms", "end_ms", "transcript_id"),
    *("speaker_id", "speaker_label", "speaker_inferred", "speaker__name", "speaker__slug"),
    *("transcript__timing", "transcript__episode_id", "transcript__episode__title"),
    *("transcript__episode__slug", "transcript__episode__air_date"),
    *("transcript__episode__show_id", "transcript__episode__show__name"),
    "transcript__episode__show__slug",
)


def _hits_by_id(segment_ids, query):
    segments = Segment.objects.filter(pk__in=segment_ids).order_by().only(*HIT_FIELDS)
    hits = hits_of(segments, query, related=("speaker", "transcript__episode__show"))
    return {hit.segment.pk: hit for hit in hits}


def _shown_by_id(segment_ids, words):
    """{segment id: ShownHit} for the search page, highlighted for ``words`` (if any).

    The statement is written out and its rows stay tuples: built by the ORM as model
    instances (segment, transcript, episode, show, speaker) the page's thirty hits cost
    ~5,800 Python calls, half the search's. The passage is ``headline()``'s, the name
    ``display_name``'s (the speaker's, else the label, else UNKNOWN_SPEAKER).
    """
    passage, params = headline_sql("s.text") if words else ("NULL", {})
    sql = (
        "SELECT s.id, s.key, s.start_ms, t.timing = %(estimated)s, sp.slug,"
        " COALESCE(sp.name, NULLIF(s.speaker_label, ''), %(unknown)s),"
        f" t.episode_id, e.title, e.slug, e.air_date, sh.name, sh.slug, s.text, {passage}"
        f" FROM {Segment._meta.db_table} s"
        f" JOIN {Transcript._meta.db_table} t ON t.id = s.transcript_id"
        f" JOIN {Episode._meta.db_table} e ON e.id = t.episode_id"
        f" JOIN {Show._meta.db_table} sh ON sh.id = e.show_id"
        f" LEFT JOIN {Speaker._meta.db_table} sp ON sp.id = s.speaker_id"
        " WHERE s.id = ANY(%(ids)s::bigint[])"
    )
    params.update(
        ids=id_array(segment_ids),
        words=words,
        estimated=Transcript.Timing.ESTIMATED,
        unknown=UNKNOWN_SPEAKER,
    )
    with reading_connection(Segment).cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    episode_url = episode_addresses()
    show_url = addresses_of("episodes:show_detail")
    speaker_url = addresses_of("episodes:speaker_detail")
    episodes, hits = {}, {}
    for pk, key, start_ms, estimated, slug, name, episode_id, *episode, text, found in rows:
        shown = episodes.get(episode_id)
        if shown is None:  # an episode's hits share its one ShownEpisode
            shown = episodes[episode_id] = _shown_episode(*episode, episode_url, show_url)
        snippet = marked(found, text) if words else plain_snippet(text)
        speaker = speaker_url(slug) if slug else ""
        hits[pk] = ShownHit(shown, ANCHOR_PREFIX + key, start_ms, estimated, speaker, name, snippet)
    return hits


def _shown_episode(title, slug, air_date, show_name, show_slug, episode_url, show_url):
    url = episode_url(air_date, slug)
    return ShownEpisode(title, url, air_date, air_date.isoformat(), show_name, show_url(show_slug))


def _facets(candidates, criteria):
    """Speakers, shows and years among the candidates, most frequent first.

    The speakers' names are remembered by the process and the shows' kept in the shared
    cache, both until the archive changes: a warm page runs no query for them.
    """
    by_speaker = Counter(map(attrgetter("speaker_id"), candidates))
    by_speaker.pop(None, None)  # paragraphs of no known speaker
    top_speakers = by_speaker.most_common(SPEAKER_FACETS)
    speakers = {speaker.pk: speaker for speaker in criteria.speakers}
    speakers.update(_speakers_named([pk for pk, _ in top_speakers if pk not in speakers]))
    by_show = Counter(map(attrgetter("show_id"), candidates))
    shows = public_shows()
    by_year = Counter()
    for air_date, count in Counter(map(attrgetter("air_date"), candidates)).items():
        by_year[air_date.year] += count
    return {
        "speakers": [(speakers[pk], count) for pk, count in top_speakers if pk in speakers],
        "shows": sorted(
            ((shows[pk], count) for pk, count in by_show.items() if pk in shows),
            key=lambda pair: (-pair[1], pair[0].name),
        ),
        "years": sorted(by_year.items(), reverse=True),
    }


# {"generation": g, "speakers": {id: Speaker (name and slug)}}: the facets' speakers this
# process has named under the current generation.
_named_speakers = {}
_NAMED_SPEAKERS_MAX = 10_000


def _speakers_named(pks):
    """{id: Speaker (name and slug)} for the facets, remembered by this process until the
    archive changes (a rename starts a new generation): search after search the facets
    name the same few speakers, the shows' hosts first, so most pages need no query."""
    current = generation()
    known = _named_speakers.get("speakers")
    if _named_speakers.get("generation") != current or len(known) > _NAMED_SPEAKERS_MAX:
        known = {}
        _named_speakers.update(generation=current, speakers=known)
    missing = [pk for pk in pks if pk not in known]
    if missing:
        known.update(Speaker.objects.only("name", "slug").in_bulk(missing))
    return {pk: known[pk] for pk in pks if pk in known}


def public_shows():
    """{id: Show (name and slug)} of every show with a published episode, kept until the
    archive changes: a handful of rows every search page names."""
    return kept_here("public-shows", lambda: Show.objects.public().only("name", "slug").in_bulk())


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
    hits = hits_of(
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
