"""A synthetic archive for the benchmark: realistic shape, made fast, in its own database.

The paragraphs are synthetic talk (tools/synthetic_talk.py), so the tsvector sizes,
the GIN posting lists and the planner's statistics look like real speech.

Rows are written with psycopg 3 ``COPY``; the secondary indexes of the segment
table are dropped for the load and rebuilt once at the end, which is much faster
than maintaining them row by row.
"""

import random
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils.text import slugify

from episodes.models import Appearance, Episode, Show, Speaker, Topic
from tools.synthetic_talk import FIRST_NAMES, LAST_NAMES, TALK_WORDS, ParagraphWriter, Vocabulary
from transcripts.models import Segment, Transcript
from transcripts.search import SEARCH_WORDS
from transcripts.services.paragraphs import SEGMENT_COLUMNS, copy_segment_rows

# Bump when the generator changes, so an archive built by an older one is rebuilt.
GENERATOR_VERSION = 2
MARKER_TABLE = "bench_archive"

SHOWS = ("Forum", "City Arts & Lectures", "The California Report", "Political Breakdown")
TOPICS = (
    "Housing", "Transit", "Climate", "Wildfire", "Education", "Health", "Elections",
    "Immigration", "Economy", "Water", "Public Safety", "Arts", "Technology", "Labor",
    "Agriculture", "Homelessness", "Energy", "Courts", "Science", "Food",
)  # fmt: skip


@dataclass(frozen=True)
class ArchiveSpec:
    """What to build: ``episodes`` of ``segments`` paragraphs, plus one long episode."""

    episodes: int = 2000
    segments: int = 500
    long_episode_segments: int = 2000
    seed: int = 6
    generator: int = GENERATOR_VERSION

    @property
    def total_segments(self):
        return self.episodes * self.segments + self.long_episode_segments


@dataclass
class Cast:
    hosts: dict  # show id -> Speaker id
    guests: list  # Speaker ids
    host_slugs: dict  # show id -> slug


def build_archive(spec: ArchiveSpec, *, progress=None):
    """Empty the current database and fill it with the synthetic archive ``spec`` describes.

    Returns seconds per step ("rows", "paragraphs", "indexes", "vacuum", "total"): the
    paragraphs go in by COPY with the segment table's secondary indexes (the search
    GIN among them) dropped, and those are built once at the end, which for a whole
    archive is several times faster than keeping them up row by row.
    """
    seconds = {}
    last = time.perf_counter()

    def lap(step):
        nonlocal last
        now = time.perf_counter()
        seconds[step], last = now - last, now

    rng = random.Random(spec.seed)
    writer = ParagraphWriter(rng, Vocabulary(rng))
    progress = progress or (lambda done, total: None)
    _empty_tables()
    with transaction.atomic():
        shows = [Show.objects.create(name=name, station="KQED") for name in SHOWS]
        topics = [Topic.objects.create(name=name) for name in TOPICS]
        cast = _make_cast(rng, shows)
        episodes = _make_episodes(rng, spec, shows, topics)
        transcripts = _make_transcripts(episodes)
    dropped = _drop_secondary_segment_indexes()
    lap("rows")
    appearances = []

    def segment_rows():
        done = 0
        for episode, transcript in zip(episodes, transcripts, strict=True):
            count = spec.long_episode_segments if episode.is_long else spec.segments
            speakers = _episode_speakers(rng, episode, cast)
            appearances.extend(_appearances(episode, speakers))
            yield from _segment_rows(rng, writer, transcript.pk, count, speakers)
            done += count
            progress(done, spec.total_segments)

    try:
        with _spelling_words_not_counted(), transaction.atomic():
            # Through the importer's own COPY writer; the keys come from their sequence.
            copy_segment_rows(segment_rows(), columns=SYNTHETIC_COLUMNS)
            Appearance.objects.bulk_create(appearances)
        lap("paragraphs")
    finally:  # a build that failed leaves the table its indexes too
        _rebuild_indexes(dropped)
    lap("indexes")
    _write_marker(spec, cast)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics and visibility map, as in production
    lap("vacuum")
    return seconds | {"total": sum(seconds.values())}


def _empty_tables():
    tables = [
        model._meta.db_table for model in (Segment, Transcript, Appearance, Episode, Speaker, Show)
    ] + [Topic._meta.db_table, "episodes_speakeralias", "episodes_episode_topics", SEARCH_WORDS]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")


@contextmanager
def _spelling_words_not_counted():
    """The build leaves the spelling suggestions' words empty (no bench case searches
    for a misspelling): counting them is a whole-archive pass (``refresh_search_words``,
    README "Stop 23"), which the paragraphs' insert trigger would make during the COPY."""
    table = Segment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {SEARCH_WORDS}_inserted")
    try:
        yield
    finally:  # a build that failed must not leave imports uncounted
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {SEARCH_WORDS}_inserted")


def _person(rng, used):
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _make_cast(rng, shows):
    used = set()
    hosts = {show.pk: Speaker.objects.create(name=_person(rng, used)) for show in shows}
    # Names are unique, so are their slugs (bulk_create skips Speaker.save, which makes them).
    guests = Speaker.objects.bulk_create(
        Speaker(name=name, slug=slugify(name)) for name in (_person(rng, used) for _ in range(400))
    )
    return Cast(
        hosts={show_pk: speaker.pk for show_pk, speaker in hosts.items()},
        guests=[guest.pk for guest in guests],
        host_slugs={show_pk: speaker.slug for show_pk, speaker in hosts.items()},
    )


def _make_episodes(rng, spec, shows, topics):
    """One episode a day going back from 2025-11-14; 1% unpublished, as drafts are."""
    last_day = date(2025, 11, 14)
    count = spec.episodes + 1
    rows = [
        Episode(
            show=shows[number % len(shows)],
            title=f"Episode {number + 1}: {' '.join(rng.sample(TALK_WORDS, 3)).title()}",
            slug=f"episode-{number + 1}",
            air_date=last_day - timedelta(days=number),
            duration_s=3000,
            is_published=number == 0 or rng.random() > 0.01,
        )
        for number in range(count)
    ]
    episodes = Episode.objects.bulk_create(rows)
    for number, episode in enumerate(episodes):
        episode.is_long = number == 0  # the newest: the 2,000-paragraph episode page
    links = [
        Episode.topics.through(episode_id=episode.pk, topic_id=topic.pk)
        for episode in episodes
        for topic in rng.sample(topics, rng.randint(1, 3))
    ]
    Episode.topics.through.objects.bulk_create(links)
    return episodes


def _make_transcripts(episodes):
    return Transcript.objects.bulk_create(
        Transcript(
            episode=episode,
            version=1,
            is_current=True,
            source_format="txt",
            source_sha256=f"{episode.pk:064x}",
            original=b"",
            timing="exact",
        )
        for episode in episodes
    )


def _episode_speakers(rng, episode, cast):
    host = cast.hosts[episode.show_id]
    guests = rng.sample(cast.guests, rng.randint(2, 3))
    return [(host, "host")] + [(guest, "guest") for guest in guests]


def _appearances(episode, speakers):
    return [
        Appearance(episode_id=episode.pk, speaker_id=speaker_id, role=role)
        for speaker_id, role in speakers
    ]


# What _segment_rows gives, in order; the kind, key and former anchors take their defaults.
SYNTHETIC_COLUMNS = tuple(
    column for column in SEGMENT_COLUMNS if column not in {"kind", "key", "former_anchors"}
)


def _segment_rows(rng, writer, transcript_id, count, speakers):
    """The host speaks every third paragraph or so; guests share the rest."""
    start_ms = 0
    ids = [speaker_id for speaker_id, _ in speakers]
    for position, (text, words) in enumerate(writer.paragraphs(count), start=1):
        speaker_id = ids[0] if rng.random() < 0.35 else rng.choice(ids[1:])
        end_ms = start_ms + words * 380 + 500
        yield (transcript_id, position, start_ms, end_ms, speaker_id, "", False, text)
        start_ms = end_ms


def _drop_secondary_segment_indexes():
    """Drop the segment indexes that back no constraint; return their definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = %s AND indexname NOT IN (
                SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass
            )
            """,
            [Segment._meta.db_table, Segment._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes]


def _rebuild_indexes(definitions):
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")


def _write_marker(spec, cast):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (spec jsonb NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s::jsonb)", [_spec_json(spec)])


def _spec_json(spec):
    import json

    return json.dumps(asdict(spec), sort_keys=True)


def archive_holds(spec: ArchiveSpec) -> bool:
    """Whether the current database already holds the archive ``spec`` describes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return False
        cursor.execute(f"SELECT spec::text FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    import json

    return row is not None and json.loads(row[0]) == json.loads(_spec_json(spec))
