"""Measurements for ``manage.py bench``: search, pages and ingest on a synthetic archive.

The archive lives in its own database (``forum_archive_bench`` by default) on
the same server, so a benchmark never touches the real archive. Timings are
wall-clock milliseconds on a warm database; each case runs a few untimed
rounds first so caches are as a reader's second visit would find them.
"""

import copy
import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test import Client
from django.test.utils import override_settings
from psycopg import sql

from episodes.models import Appearance, Episode, Show, Speaker
from forum_archive.environment import cache_from_url
from tools.synthetic_talk import COMMON_WORD, MIDDLE_WORD, PHRASE, RARE_WORD


@contextmanager
def using_database(name):
    """Point the default connection at database ``name`` (created and migrated if needed).

    This is how Django's test runner switches to its test database: change
    NAME in the connection's settings and reconnect. The original is restored
    on the way out.
    """
    settings_dict = connection.settings_dict
    original = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = name
    try:
        _create_database_if_missing(name)
        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = original


def _create_database_if_missing(name):
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as maintenance:
        exists = maintenance.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name):
    """Drop database ``name`` if it exists (used by the tests to clean up)."""
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as maintenance:
        maintenance.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@dataclass
class Timing:
    """One benchmark case: its name, what it measured and the figures."""

    case: str
    kind: str
    samples_ms: list = field(default_factory=list)
    note: str = ""
    target: str = ""
    value: float | None = None  # a rate (segments/s) where a latency makes no sense
    # This process's CPU per run (Python, templates, psycopg; not PostgreSQL's): what a
    # page costs a worker, and less moved by other processes than the wall clock.
    cpu_samples_ms: list = field(default_factory=list)
    template_cpu_samples_ms: list = field(default_factory=list)  # of it, in Template.render

    @property
    def p50(self):
        return statistics.median(self.samples_ms) if self.samples_ms else None

    @property
    def cpu_p50(self):
        return statistics.median(self.cpu_samples_ms) if self.cpu_samples_ms else None

    @property
    def template_cpu_p50(self):
        if not self.template_cpu_samples_ms:
            return None
        return statistics.median(self.template_cpu_samples_ms)

    @property
    def p95(self):
        if not self.samples_ms:
            return None
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def as_dict(self):
        return {
            "case": self.case,
            "kind": self.kind,
            "p50_ms": _round(self.p50),
            "p95_ms": _round(self.p95),
            "cpu_p50_ms": _round(self.cpu_p50),
            "template_cpu_p50_ms": _round(self.template_cpu_p50),
            "runs": len(self.samples_ms),
            "value": _round(self.value),
            "target": self.target,
            "note": self.note,
        }


def _round(number):
    return None if number is None else round(number, 1)


def time_calls(function, *, repeat, warmup=2, cpu_samples=None):
    """Wall-clock ms of each run; with a list for ``cpu_samples``, this process's CPU ms too."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        cpu_started = time.process_time()
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
        if cpu_samples is not None:
            cpu_samples.append((time.process_time() - cpu_started) * 1000)
    return samples


def query_mix():
    """The fixed queries: (name, GET parameters). Slugs and dates come from the archive."""
    host = (
        Appearance.objects.filter(role="host", episode__show__name="Forum")
        .select_related("speaker")
        .first()
    )
    newest = Episode.objects.published().order_by("-air_date").values_list("air_date", flat=True)
    last_day = newest.first() or date.today()
    year_before = last_day.replace(year=last_day.year - 1)
    return [
        ("common word", {"q": COMMON_WORD}),
        ("rare word", {"q": RARE_WORD}),
        ("phrase", {"q": f'"{" ".join(PHRASE)}"'}),
        ("speaker filter", {"q": MIDDLE_WORD, "speaker": host.speaker.slug if host else ""}),
        (
            "date filter",
            {
                "q": MIDDLE_WORD,
                "date_from": year_before.isoformat(),
                "date_to": last_day.isoformat(),
            },
        ),
        ("sort by date", {"q": COMMON_WORD, "sort": "date"}),
    ]


def measure_search(*, repeat):
    from transcripts.filters import SearchForm
    from transcripts.search import search

    timings = []
    for name, params in query_mix():
        form = SearchForm(QueryDict(urlencode(params)))
        if not form.is_valid():
            raise RuntimeError(f"bench query {params} is invalid: {form.errors.as_text()}")
        criteria = form.criteria()
        samples = time_calls(lambda criteria=criteria: _run_search(search, criteria), repeat=repeat)
        timings.append(Timing(name, "search()", samples))
    return timings


def _run_search(search, criteria):
    # As the search page runs it; list the page so lazy parts are evaluated too.
    return list(search(criteria, plain=True).page)


@contextmanager
def production_like_client():
    """A test Client on settings as a ``DEBUG=0`` server renders pages with.

    The bench imports settings with the development default DEBUG=True, under which the
    template engine is built with ``debug`` on. DEBUG goes off here (no query log), and
    TEMPLATES is given with ``debug`` off explicitly rather than trusting the test
    signals to rebuild the engine; the check refuses to measure unless the engine has
    debug off and the cached loader, and Jinja2 (the search page's) no auto_reload, as
    production has. The cache is production's
    default too, files (here in a temporary folder), since reading a 1-2 MB transcript
    fragment from a file costs more than from memory; the page cache stays off
    (PAGE_CACHE_SECONDS=0 under DEBUG=True), so every request renders its page.
    'testserver' is the test Client's host.
    """
    with (
        tempfile.TemporaryDirectory(prefix="bench-cache-") as cache_folder,
        override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            TEMPLATES=production_templates(),
            CACHES={"default": cache_from_url(f"file://{cache_folder}")},
        ),
    ):
        engine = engines["django"].engine
        if engine.debug or not isinstance(engine.template_loaders[0], CachedLoader):
            raise RuntimeError(f"templates not as in production: {engine.loaders}")
        if engines["jinja2"].env.auto_reload:  # a stat of every template file per render
            raise RuntimeError("Jinja2 templates not as in production: auto_reload on")
        yield Client()


def production_templates():
    templates = copy.deepcopy(settings.TEMPLATES)
    for engine in templates:
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            engine.setdefault("OPTIONS", {})["debug"] = False
    return templates


def measure_pages(*, repeat):
    from django.urls import reverse

    timings = []
    with production_like_client() as client, template_cpu_clock() as template_clock:

        def time_page(case, kind, url, params=None, target=""):
            timing = Timing(case, kind, target=target)

            def get():
                spent_before = template_clock.spent
                _get_ok(client, url, params)
                timing.template_cpu_samples_ms.append((template_clock.spent - spent_before) * 1000)

            timing.samples_ms = time_calls(get, repeat=repeat, cpu_samples=timing.cpu_samples_ms)
            del timing.template_cpu_samples_ms[:-repeat]  # the untimed rounds'
            timings.append(timing)

        for name, params in query_mix():
            url = reverse("transcripts:search")
            time_page(name, "search page", url, params, target="p50<50 p95<150")
        long_episode = _longest_episode()
        segments = long_episode.transcripts.get(is_current=True).segments.count()
        url = long_episode.get_absolute_url()
        time_page("episode page", f"{segments} paragraphs", url, target="<100")
        time_page("episode list", "/episodes/", reverse("episodes:list"))
    return timings


class _TemplateClock:
    spent = 0.0  # seconds of this process's CPU inside Template.render


@contextmanager
def template_cpu_clock():
    """Adds up the CPU spent rendering templates (``spent``, in seconds), Django's and
    Jinja2's (the search page's): the engine, with what a template makes the ORM do
    lazily. Over the page's CPU it is the template engine's share of the page."""
    from django.template.backends import django as django_backend
    from django.template.backends import jinja2 as jinja2_backend

    clock = _TemplateClock()
    templates = (django_backend.Template, jinja2_backend.Template)
    renders = [template.render for template in templates]

    def timed(render):
        def timed_render(self, *args, **kwargs):
            started = time.process_time()
            try:
                return render(self, *args, **kwargs)
            finally:
                clock.spent += time.process_time() - started

        return timed_render

    for template, render in zip(templates, renders, strict=True):
        template.render = timed(render)
    try:
        yield clock
    finally:
        for template, render in zip(templates, renders, strict=True):
            template.render = render


def _get_ok(client, url, params=None):
    response = client.get(url, params or {})
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} {params or ''} answered {response.status_code}")
    return response


def _longest_episode():
    from django.db.models import Count

    return (
        Episode.objects.published()
        .annotate(paragraphs=Count("transcripts__segments"))
        .order_by("-paragraphs")
        .first()
    )


def measure_ingest(*, segments, repeat, published=False):
    """Segments per second through importer.import_transcript, file bytes to commit.

    Each run imports a fresh episode and deletes it afterwards, so the archive
    keeps the size it was built with. A draft import (the default) leaves the
    spelling suggestions' words alone; a published one, as staff import, counts the
    file's words in the same transaction (migrations transcripts/0008 and 0009).
    """
    from tools.synthetic_talk import ingest_file
    from transcripts.services import import_transcript

    show = Show.objects.first()
    data = ingest_file(segments)
    rates, python_ms, server_ms = [], [], []
    for run in range(repeat):
        speakers_before = set(Speaker.objects.values_list("pk", flat=True))
        server_before = _server_cpu_seconds()
        python_before = time.process_time()
        started = time.perf_counter()
        result = import_transcript(
            data, filename=f"2030-01-{run + 1:02d}-bench-ingest.txt", show=show, publish=published
        )
        elapsed = time.perf_counter() - started
        python_ms.append((time.process_time() - python_before) * 1000)
        if server_before is not None:
            server_ms.append((_server_cpu_seconds() - server_before) * 1000)
        rates.append(result.segment_count / elapsed)
        result.episode.delete()
        Speaker.objects.exclude(pk__in=speakers_before).delete()
    best = max(rates)
    # CPU time, unlike the rate, barely moves with the machine's load: compare these
    # between runs on a busy machine.
    cpu = f"; CPU per import: Python {statistics.median(python_ms):.0f} ms"
    if server_ms:
        cpu += f", PostgreSQL {statistics.median(server_ms):.0f} ms"
    return Timing(
        "ingest, published" if published else "ingest",
        f"import_transcript, {segments} paragraphs",
        [],
        value=best,
        target=">20000/s",
        note=f"best of {repeat}; median {statistics.median(rates):,.0f}/s" + cpu,
    )


def _server_cpu_seconds():
    """CPU seconds this connection's PostgreSQL backend has used, when it runs on this
    machine (its /proc entry readable); None otherwise."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
