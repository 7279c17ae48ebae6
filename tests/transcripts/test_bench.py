"""manage.py bench on a tiny archive: it builds in its own database, reuses it, prints figures."""

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from transcripts.bench import drop_database
from transcripts.bench_archive import ArchiveSpec, ingest_file

# The command switches the connection to another database: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)

TINY = ["--episodes", "3", "--segments", "20", "--long-episode-segments", "40"]
FAST = ["--ingest-segments", "30", "--repeat", "2"]


@pytest.fixture
def bench_database():
    name = f"test_forum_archive_bench_{os.getpid()}"
    yield name
    drop_database(name)


def run_bench(*args):
    out, err = StringIO(), StringIO()
    call_command("bench", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_bench_builds_a_tiny_archive_prints_the_table_and_reuses_it(bench_database, tmp_path):
    own_database = connection.settings_dict["NAME"]
    report = tmp_path / "bench.json"
    out, err = run_bench(*TINY, *FAST, "--database", bench_database, "--json", str(report))

    assert f"building 100 paragraphs in {bench_database}" in err
    assert "Archive: 3 episodes x 20 paragraphs + one of 40 = 100 paragraphs" in out
    for case in ("common word", "rare word", "phrase", "speaker filter", "date filter"):
        assert case in out
    assert "sort by date" in out and "episode page" in out and "episode list" in out
    assert "ingest" in out and "/s" in out
    timings = json.loads(report.read_text())["timings"]
    assert {t["kind"] for t in timings} >= {"search()", "search page"}
    assert all(t["p50_ms"] > 0 for t in timings if t["case"] != "ingest")
    assert connection.settings_dict["NAME"] == own_database  # switched back

    _, again = run_bench(*TINY, *FAST, "--database", bench_database)
    assert f"reusing the archive in {bench_database}" in again


def test_the_ingest_file_is_a_timed_plain_text_transcript_of_the_size_asked():
    text = ingest_file(12).decode()
    lines = [line for line in text.split("\n\n") if line.strip()]
    assert len(lines) == 12
    assert lines[0].startswith("[00:00:00] Rosa Delgado: ")


def test_an_archive_spec_counts_its_paragraphs():
    assert ArchiveSpec(episodes=3, segments=20, long_episode_segments=40).total_segments == 100
