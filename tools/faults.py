"""Fault drills on a throwaway PostgreSQL: an outage under load, and an import killed half-way.

``manage.py faults`` runs both and prints what happened; the tests run the
import drill and the verdict logic. Everything happens on a server started for
the drill in a temporary folder (``local_postgres``), never on the archive's own.
"""

import os
import signal
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

IMPORT_APPLICATION = "faults-import"
KILLED_FILE_NAME = "2030-01-01-killed-import.txt"


@contextmanager
def django_pointed_at(server, name):
    """The default connection on ``server``'s database ``name`` (migrated), then back.

    The test runner switches databases the same way: change the connection's
    settings and reconnect.
    """
    saved = dict(connection.settings_dict)
    connection.close()
    params = server.connection_params(name)
    connection.settings_dict.update(
        HOST=params["host"], PORT=params["port"], USER=params["user"], NAME=name, PASSWORD=""
    )
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


# --- an outage under load -------------------------------------------------------------


@dataclass
class Request:
    start: float
    end: float
    page: str
    status: int


@dataclass
class Window:
    name: str
    requests: list = field(default_factory=list)

    def statuses(self):
        counts = {}
        for request in self.requests:
            counts[request.status] = counts.get(request.status, 0) + 1
        return dict(sorted(counts.items()))

    def p50_ms(self):
        if not self.requests:
            return 0.0
        return statistics.median((r.end - r.start) * 1000 for r in self.requests)


@dataclass
class Outage:
    stop_began: float
    stopped: float
    start_began: float
    started: float


def read_requests(record_path):
    requests = []
    for line in Path(record_path).read_text().splitlines():
        start, end, page, status = line.split(",")
        requests.append(Request(float(start), float(end), page, int(status)))
    return requests


def split_by_outage(requests, outage):
    """Before, during (wholly while the server was down), after (begun once it was back),
    and across a change (200 and 503 are both right there)."""
    windows = {name: Window(name) for name in ("before", "during", "after", "across")}
    for request in requests:
        if request.end < outage.stop_began:
            windows["before"].requests.append(request)
        elif request.start >= outage.stopped and request.end <= outage.start_began:
            windows["during"].requests.append(request)
        elif request.start >= outage.started:
            windows["after"].requests.append(request)
        else:
            windows["across"].requests.append(request)
    return windows


def outage_verdicts(windows, pids_before, pids_after):
    """(claim, held) pairs: what the drill must show."""
    across = _only(windows["across"], {200, 503}, empty_ok=True)
    return [
        ("requests before the outage all answered 200", _only(windows["before"], {200})),
        ("requests during the outage all answered 503", _only(windows["during"], {503})),
        ("requests after the restart all answered 200", _only(windows["after"], {200})),
        ("requests across a stop or a start answered 200 or 503", across),
        ("gunicorn and its workers were not restarted", pids_before == pids_after),
    ]


def _only(window, allowed, empty_ok=False):
    statuses = set(window.statuses())
    return (bool(statuses) or empty_ok) and statuses <= allowed


# --- an import killed half-way ----------------------------------------------------------


@dataclass
class KilledImport:
    killed_after_s: float
    paragraphs_copied_when_killed: int  # by the COPY of its open transaction
    episodes_left: int
    transcripts_left: int
    segments_before: int
    segments_after: int
    reimport_exit_code: int
    reimported_segments: int

    @property
    def inserting_when_killed(self):
        return self.paragraphs_copied_when_killed > 0

    @property
    def nothing_partial_remains(self):
        return (
            self.episodes_left == 0
            and self.transcripts_left == 0
            and self.segments_after == self.segments_before
        )


def kill_import_halfway(server, name, *, paragraphs, workdir):
    """Start ``import_transcripts`` on a big file, SIGKILL it in the middle of the COPY
    of its paragraphs, and count what is left; then import the same file to the end."""
    from tools.synthetic_talk import ingest_file

    path = Path(workdir) / KILLED_FILE_NAME
    path.write_bytes(ingest_file(paragraphs))
    env = {
        **os.environ,
        "DATABASE_URL": server.url(name),
        "DATABASE_REPLICA_URLS": "",
        "PGAPPNAME": IMPORT_APPLICATION,  # libpq names the connection, to find it below
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "manage.py", "import_transcripts", str(path), "--show", "Forum"]
    log_path = Path(workdir) / "killed-import.log"
    with server.connect(name, autocommit=True) as watcher, open(log_path, "wb") as log:
        segments_before = _count(watcher, "SELECT count(*) FROM transcripts_segment")
        started = time.monotonic()
        importer = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        copied = _wait_until_copying_paragraphs(watcher, importer, log_path)
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        killed_after = time.monotonic() - started
        _wait_until_gone(watcher)
        left = _rows_of_killed_episode(watcher)
        segments_after = _count(watcher, "SELECT count(*) FROM transcripts_segment")
    again = subprocess.run(
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, timeout=600
    )
    with server.connect(name) as conn:
        reimported = _rows_of_killed_episode(conn)["segments"]
    return KilledImport(
        killed_after_s=round(killed_after, 2),
        paragraphs_copied_when_killed=copied,
        episodes_left=left["episodes"],
        transcripts_left=left["transcripts"],
        segments_before=segments_before,
        segments_after=segments_after,
        reimport_exit_code=again.returncode,
        reimported_segments=reimported,
    )


def _count(conn, sql, params=()):
    return conn.execute(sql, params).fetchone()[0]


# The importer's COPY into the paragraphs table, and how many rows it has taken in
# (PostgreSQL reports a COPY's progress as it goes: pg_stat_progress_copy).
COPY_PROGRESS = """
    SELECT coalesce(max(p.tuples_processed), 0) FROM pg_stat_progress_copy p
    JOIN pg_stat_activity a ON a.pid = p.pid
    WHERE a.application_name = %s AND p.relid = 'transcripts_segment'::regclass
"""


def _wait_until_copying_paragraphs(watcher, importer, log_path, timeout=300):
    """The paragraphs the importer's COPY has taken in, once it has taken in some: the
    kill then lands mid-COPY, inside the transaction that also wrote the episode."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        copied = _count(watcher, COPY_PROGRESS, [IMPORT_APPLICATION])
        if copied:
            return copied
        if importer.poll() is not None:
            said = log_path.read_text(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(
                f"the import ended (exit {importer.returncode}) before it was seen copying its "
                f"paragraphs; it said: {' | '.join(said) or 'nothing'}"
            )
        time.sleep(0.005)
    raise RuntimeError(f"the import was not seen copying its paragraphs in {timeout}s")


def _wait_until_gone(watcher, timeout=60):
    """PostgreSQL rolls the transaction back when it notices the client is gone."""
    deadline = time.monotonic() + timeout
    while _count(
        watcher,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
        [IMPORT_APPLICATION],
    ):
        if time.monotonic() > deadline:
            raise RuntimeError("the killed import's connection is still there")
        time.sleep(0.05)


def _rows_of_killed_episode(conn):
    episode = "SELECT id FROM episodes_episode WHERE air_date = '2030-01-01'"
    transcripts = f"SELECT id FROM transcripts_transcript WHERE episode_id IN ({episode})"
    return {
        "episodes": _count(conn, f"SELECT count(*) FROM ({episode}) e"),
        "transcripts": _count(conn, f"SELECT count(*) FROM ({transcripts}) t"),
        "segments": _count(
            conn, f"SELECT count(*) FROM transcripts_segment WHERE transcript_id IN ({transcripts})"
        ),
    }
