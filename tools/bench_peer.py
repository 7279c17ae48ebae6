"""A peer for ``manage.py bench --peer``: the same paragraphs in SQLite FTS5, queried alike.

Every run then shows where we stand: for each search case of the query mix, our
page through Django, the SQL that page ran replayed straight through psycopg (so
page/SQL is what Python and the templates add), and the peer's one query (FTS5
MATCH with the porter stemmer, ranked by bm25, a snippet per row). The three are
timed interleaved, round by round, so a busy moment of the machine hits them alike.

The peer ranks every match (FTS5 has no cheaper way to order by bm25), while our
search ranks a capped window of the newest matches: for a very common word the
two do different amounts of work, which the table shows rather than hides.
"""

import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from episodes.models import Speaker
from tools.bench import _get_ok

PEER_FILE = Path(settings.BASE_DIR) / "var" / "bench-peer.sqlite3"
PAGE_SIZE = 30  # rows the peer returns, about what a results page shows
# What search covers: the current transcript of each published episode.
PARAGRAPHS_SQL = """
    SELECT s.id, t.episode_id, e.air_date, s.speaker_id, s.text
    FROM transcripts_segment s
    JOIN transcripts_transcript t ON t.id = s.transcript_id AND t.is_current
    JOIN episodes_episode e ON e.id = t.episode_id AND e.is_published
"""


@dataclass
class PeerRow:
    case: str
    statements: int
    page_ms: list
    sql_ms: list
    peer_ms: list
    peer_hits: int


def build_peer(spec_json, *, path=PEER_FILE, progress=None):
    # spec_json: the bench archive's description; a peer built from another is rebuilt.
    """The FTS5 copy of the current database's searchable paragraphs (reused when current).

    Returns (paragraphs, seconds spent building, 0 when reused).
    """
    progress = progress or (lambda done: None)
    if path.exists():
        peer = sqlite3.connect(path)
        try:
            marker = peer.execute("SELECT spec, paragraphs FROM peer_marker").fetchone()
        except sqlite3.Error:
            marker = None
        peer.close()
        if marker and marker[0] == spec_json:
            return marker[1], 0.0
        path.unlink()
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    peer = sqlite3.connect(path)
    peer.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE VIRTUAL TABLE paragraphs USING fts5(
            text, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TABLE meta (
            id INTEGER PRIMARY KEY, episode_id INTEGER, air_date TEXT, speaker_id INTEGER
        );
        """
    )
    done = 0
    with (
        psycopg.connect(**connection.get_connection_params()) as source,
        source.cursor(name="peer_paragraphs") as rows,  # server-side: streamed
    ):
        rows.execute(PARAGRAPHS_SQL)
        while batch := rows.fetchmany(20_000):
            peer.executemany(
                "INSERT INTO paragraphs (rowid, text) VALUES (?, ?)",
                [(row[0], row[4]) for row in batch],
            )
            peer.executemany(
                "INSERT INTO meta VALUES (?, ?, ?, ?)",
                [(row[0], row[1], row[2].isoformat(), row[3]) for row in batch],
            )
            done += len(batch)
            progress(done)
    peer.executescript(
        """
        CREATE INDEX meta_speaker ON meta (speaker_id);
        CREATE INDEX meta_air_date ON meta (air_date);
        INSERT INTO paragraphs (paragraphs) VALUES ('optimize');
        CREATE TABLE peer_marker (spec TEXT, paragraphs INTEGER);
        """
    )
    peer.execute("INSERT INTO peer_marker VALUES (?, ?)", [spec_json, done])
    peer.commit()
    peer.close()
    return done, time.perf_counter() - started


def peer_query(params):
    """The peer's SQL and arguments for one case's GET parameters (as bench.query_mix gives)."""
    where, args, order = ["paragraphs MATCH ?"], [params["q"]], "rank"
    if params.get("speaker"):
        where.append("meta.speaker_id = ?")
        args.append(Speaker.objects.get(slug=params["speaker"]).pk)
    if params.get("date_from"):
        where.append("meta.air_date BETWEEN ? AND ?")
        args += [params["date_from"], params["date_to"]]
    if params.get("sort") == "date":
        order = "meta.air_date DESC"
    sql = (
        "SELECT meta.id, meta.episode_id, bm25(paragraphs), "
        "snippet(paragraphs, 0, '<mark>', '</mark>', '…', 24) "
        "FROM paragraphs JOIN meta ON meta.id = paragraphs.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {PAGE_SIZE}"
    )
    return sql, args


def measure_peer(query_mix, client, *, repeat, warmup=2, path=PEER_FILE):
    """Per case: the page, its SQL replayed, and the peer, timed round by round."""
    url = reverse("transcripts:search")
    peer = sqlite3.connect(path)
    rows = []
    with psycopg.connect(**connection.get_connection_params()) as replay:
        for case, params in query_mix:
            # The statements of a warm page, as a reader's second search sends them: the
            # first page of a case also fills what is kept until the archive changes.
            for _ in range(warmup):
                _get_ok(client, url, params)
            with CaptureQueriesContext(connection) as captured:
                _get_ok(client, url, params)
            statements = [query["sql"] for query in captured.captured_queries]
            sql, args = peer_query(params)
            row = PeerRow(case, len(statements), [], [], [], 0)
            for round_number in range(warmup + repeat):
                page_ms = _timed(lambda params=params: _get_ok(client, url, params))
                sql_ms = _timed(lambda statements=statements: _replay(replay, statements))
                peer_ms = _timed(lambda sql=sql, args=args: peer.execute(sql, args).fetchall())
                if round_number >= warmup:
                    row.page_ms.append(page_ms)
                    row.sql_ms.append(sql_ms)
                    row.peer_ms.append(peer_ms)
            row.peer_hits = len(peer.execute(sql, args).fetchall())
            rows.append(row)
    peer.close()
    return rows


def _replay(replay, statements):
    """The page's statements as it sent them, in one transaction (its SET LOCALs hold)."""
    with replay.transaction(force_rollback=True), replay.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.encode())
            if cursor.description is not None:
                cursor.fetchall()


def _timed(function):
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def format_peer_table(rows):
    header = (
        "case",
        "page p50",
        "SQL p50",
        "page/SQL",
        "statements",
        "FTS5 p50",
        "page/FTS5",
        "SQL/FTS5",
    )
    table = [header]
    for row in rows:
        page, sql, peer = (statistics.median(r) for r in (row.page_ms, row.sql_ms, row.peer_ms))
        table.append(
            (
                row.case,
                f"{page:.1f}",
                f"{sql:.1f}",
                f"{page / sql:.1f}",
                str(row.statements),
                f"{peer:.1f}",
                f"{page / peer:.1f}",
                f"{sql / peer:.1f}",
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
