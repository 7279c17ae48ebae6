"""The pieces of the load and fault drills: a production-like gunicorn, locust, the figures.

``manage.py load`` and ``manage.py faults`` are thin shells over these. Traffic
goes only to 127.0.0.1, for a bounded time; every process started here is
stopped here.
"""

import csv
import functools
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil
from django.conf import settings
from django.urls import reverse

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
BIN = Path(sys.executable).parent
PAGE_KINDS = ("home", "list", "episode", "speaker", "search")
# The "attack" run: the mix above with worst-case addresses among them.
WORST_KIND = "worst"


def database_url(params, name):
    """A DATABASE_URL for psycopg-style connection ``params`` (a socket folder as the host)."""
    user = quote(params.get("user") or "", safe="")
    if params.get("password"):
        user += ":" + quote(params["password"], safe="")
    host = quote(str(params.get("host") or "localhost"), safe="")
    return f"postgres://{user}@{host}:{params.get('port') or 5432}/{name}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what to visit ------------------------------------------------------------


def collect_targets(*, episodes=300, speakers=150):
    """Addresses per page kind, from the archive the default connection points at."""
    from episodes.models import Episode, Show, Speaker, Topic
    from tools import bench

    published = Episode.objects.published().select_related("show").order_by("?")
    # Typical episodes; the one 2,000-paragraph episode of the bench archive is left out.
    typical = published.exclude(pk=_longest_episode_pk())[:episodes]
    list_pages = ["/episodes/"] + [f"/episodes/?page={n}" for n in range(2, 11)]
    list_pages += [
        f"/episodes/?{urlencode({'show': s})}" for s in Show.objects.values_list("slug", flat=True)
    ]
    list_pages += [
        f"/episodes/?{urlencode({'topic': t})}"
        for t in Topic.objects.values_list("slug", flat=True)[:5]
    ]
    list_pages += ["/episodes/?sort=oldest", "/episodes/?sort=title"]
    speaker_slugs = (
        Speaker.objects.filter(appearances__isnull=False).distinct().values_list("slug", flat=True)
    )
    search = [
        f"{reverse('transcripts:search')}?{urlencode(params)}" for _, params in bench.query_mix()
    ]
    return {
        "home": ["/"],
        WORST_KIND: worst_case_targets(typical.first()),
        "list": list_pages,
        "episode": [episode.get_absolute_url() for episode in typical],
        "speaker": [
            reverse("episodes:speaker_detail", args=[slug]) for slug in speaker_slugs[:speakers]
        ],
        "search": search,
    }


def worst_case_targets(episode):
    """[path, expected status]: the most each public address lets one request ask for
    (the speaker cap of the most-heard speakers, long and operator-heavy queries), and
    what is past the caps (40 speakers, a moment of a billion digits): refused with 400."""
    from episodes.filters import MAX_SPEAKERS
    from episodes.models import Speaker
    from transcripts.search import MAX_QUERY_CHARS

    most_heard = list(Speaker.objects.most_heard().values_list("slug", flat=True)[:40])
    too_many = [f"{slug}-{n}" for n, slug in enumerate(most_heard * 40)][:40]
    capped = most_heard[:MAX_SPEAKERS]
    long_words = " ".join(["know", "housing", "people", "think"] * 50)[:MAX_QUERY_CHARS]
    quoted_phrase = f'"{long_words[:150]}"'
    many_ors = " OR ".join(["know", "really", "people", "housing", "transit"] * 20)
    search = reverse("transcripts:search")
    targets = [
        [f"/episodes/?{urlencode({'speaker': capped}, doseq=True)}", 200],
        [f"/episodes/?{urlencode({'speaker': too_many}, doseq=True)}", 400],
        [f"/episodes/?{urlencode({'q': long_words})}", 200],
        [f"{search}?{urlencode({'q': 'know', 'speaker': capped}, doseq=True)}", 200],
        [f"{search}?{urlencode({'q': 'know', 'speaker': too_many}, doseq=True)}", 400],
        [f"{search}?{urlencode({'q': long_words})}", 200],
        [f"{search}?{urlencode({'q': many_ors})}", 200],
        [f"{search}?{urlencode({'q': quoted_phrase})}", 200],
        [f"/speakers/?{urlencode({'name': 'x' * 100})}", 200],
    ]
    if episode is not None:
        targets.append([f"{episode.get_absolute_url()}?t=1e999999999", 400])
    return targets


def _longest_episode_pk():
    from django.db.models import Count

    from episodes.models import Episode

    longest = (
        Episode.objects.annotate(paragraphs=Count("transcripts__segments"))
        .order_by("-paragraphs")
        .values_list("pk", flat=True)
        .first()
    )
    return longest or 0


# --- the app server -------------------------------------------------------------


def production_env(database_url, **overrides):
    """The environment of a production app server on this machine, for the drills."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DATABASE_REPLICA_URLS": "",
        "DJANGO_SETTINGS_MODULE": "forum_archive.settings",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a test harness's, never production's
    return env


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py, bound to 127.0.0.1 only."""

    def __init__(self, env, *, port, log_path, workers=None):
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        if workers:
            self.env["GUNICORN_WORKERS"] = str(workers)
        self.log_path = Path(log_path)
        self.process = None

    def start(self, timeout=600):  # collectstatic compresses every file: minutes when busy
        with self.log_path.open("ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "forum_archive.wsgi"],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        # The first worker answers while the others are still booting: wait for all.
        while (
            self.status("/healthz") != 200 or len(self.pids()["workers"]) < self.configured_workers
        ):
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"gunicorn did not start its {self.configured_workers} workers in "
                    f"{timeout}s; see {self.log_path}"
                )
            time.sleep(0.5)

    @functools.cached_property
    def configured_workers(self):
        """The worker count gunicorn reads from gunicorn.conf.py in this environment."""
        config = subprocess.run(
            [str(BIN / "gunicorn"), "--print-config", "forum_archive.wsgi"],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(re.search(r"^workers\s*=\s*(\d+)", config, re.MULTILINE)[1])

    def status(self, path, *, address=None):
        """The status ``path`` answers; ``address``: the visitor's, as a proxy reports it."""
        headers = {"X-Forwarded-Proto": "https"}
        if address:
            headers["X-Forwarded-For"] = address
        request = urllib.request.Request(self.base_url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def pids(self):
        """The master and its workers: unchanged pids mean nothing was restarted."""
        master = psutil.Process(self.process.pid)
        return {"master": master.pid, "workers": sorted(c.pid for c in master.children())}

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def visit_each_once(server, targets, *, threads=4):
    """Every address once (and so into the page cache), before anything is measured."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [
        path if isinstance(path, str) else path[0]
        for kind_paths in targets.values()
        for path in kind_paths
    ]
    # As many visitors would: no one address spends more than its rendering budget.
    addresses = [f"198.18.{n // 250}.{n % 250 + 1}" for n in range(len(paths))]
    with ThreadPoolExecutor(threads) as pool:
        return list(
            pool.map(lambda path, address: server.status(path, address=address), paths, addresses)
        )


@contextmanager
def running(server):
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- the visitors ------------------------------------------------------------------


@dataclass
class Figures:
    page: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float

    def as_dict(self):
        return dict(vars(self))


def start_locust(
    base_url, *, targets_file, pages, users, seconds, csv_prefix, record=None, attackers=0
):
    """``users`` visitors of ``pages``, and ``attackers`` more asking for worst-case
    addresses only."""
    env = {
        **os.environ,
        "LOAD_TARGETS": str(targets_file),
        "LOAD_PAGES": ",".join(pages),
        "LOAD_ATTACKERS": str(attackers),
    }
    if record:
        env["LOAD_RECORD"] = str(record)
    command = [
        str(BIN / "locust"),
        "-f", str(LOCUSTFILE),
        "--headless",
        "--host", base_url,
        "--users", str(users + attackers),
        "--spawn-rate", str(users + attackers),
        "--run-time", f"{seconds}s",
        "--stop-timeout", "10",
        "--csv", str(csv_prefix),
        "--only-summary",
        "--exit-code-on-error", "0",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    with Path(f"{csv_prefix}.log").open("wb") as log:  # the child keeps its own copy
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def run_locust(base_url, *, seconds, **kwargs):
    process = start_locust(base_url, seconds=seconds, **kwargs)
    try:
        process.wait(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    return read_figures(kwargs["csv_prefix"])


def read_figures(csv_prefix):
    """Per page kind and in all, from locust's ``<prefix>_stats.csv``."""
    figures = []
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            figures.append(
                Figures(
                    page=row["Name"] if row["Name"] != "Aggregated" else "all",
                    requests=int(row["Request Count"]),
                    failures=int(row["Failure Count"]),
                    rps=float(row["Requests/s"]),
                    p50=_number(row["50%"]),
                    p95=_number(row["95%"]),
                    p99=_number(row["99%"]),
                )
            )
    return figures


def _number(text):
    return float(text) if text not in ("", "N/A") else 0.0


def write_targets(targets, path):
    Path(path).write_text(json.dumps(targets, indent=1))
    return path


def format_figures(rows, targets=None):
    """A plain table: one line per run and page kind."""
    targets = targets or {}
    header = ("run", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "target")
    lines = [header]
    for run, figure in rows:
        lines.append(
            (
                run,
                figure.page,
                f"{figure.requests:,}",
                f"{figure.rps:,.1f}",
                f"{figure.p50:.0f}",
                f"{figure.p95:.0f}",
                f"{figure.p99:.0f}",
                f"{figure.failures:,}",
                targets.get(figure.page, "") if run == figure.page else "",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        text.append("  ".join(cells).rstrip())
        if number == 0:
            text.append("  ".join("-" * width for width in widths))
    return "\n".join(text)
