"""manage.py bench on a tiny archive: it builds in its own database, reuses it, prints figures."""

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from tools.bench import drop_database
from tools.bench_archive import ArchiveSpec

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
    assert all(t["p50_ms"] > 0 for t in timings if not t["case"].startswith("ingest"))
    assert "CPU p50 ms" in out
    pages = [t for t in timings if t["kind"] == "search page" or t["case"].startswith("episode")]
    assert all(t["cpu_p50_ms"] and t["template_cpu_p50_ms"] for t in pages)
    assert connection.settings_dict["NAME"] == own_database  # switched back

    _, again = run_bench(*TINY, *FAST, "--database", bench_database)
    assert f"reusing the archive in {bench_database}" in again


def test_bench_can_time_only_ingest_a_draft_and_a_published_import(bench_database):
    out, err = run_bench(*TINY, *FAST, "--database", bench_database, "--only", "ingest")

    assert "ingest, published" in out and out.count("import_transcript, 30 paragraphs") == 2
    assert "search page" not in out and "episode list" not in out
    out, err = run_bench(*TINY, *FAST, "--database", bench_database, "--only", "build")
    assert "built in" in err and "paragraphs/s" in err and "ingest" not in out


def test_an_archive_spec_counts_its_paragraphs():
    assert ArchiveSpec(episodes=3, segments=20, long_episode_segments=40).total_segments == 100


def test_bench_peer_prints_each_search_case_beside_its_sql_and_sqlite_fts5(
    bench_database, tmp_path
):
    report, peer_file = tmp_path / "bench.json", tmp_path / "peer.sqlite3"
    args = [*TINY, *FAST, "--database", bench_database, "--peer", "--peer-file", str(peer_file)]
    out, err = run_bench(*args, "--json", str(report))

    assert "Search against a peer" in out
    assert "page/SQL" in out and "FTS5 p50" in out
    rows = {row["case"]: row for row in json.loads(report.read_text())["peer"]}
    assert set(rows) == {
        "common word",
        "rare word",
        "phrase",
        "speaker filter",
        "date filter",
        "sort by date",
    }
    assert all(row["statements"] >= 1 and len(row["sql_ms"]) == 2 for row in rows.values())
    assert rows["common word"]["peer_hits"] > 0  # the porter stemmer found the word
    assert "copied " in err  # copied once...
    _, again = run_bench(*args)
    assert "copied " not in again  # ...and reused


def test_the_peer_asks_fts5_what_our_search_asks(db):
    from tools.bench_peer import peer_query

    sql, args = peer_query({"q": '"public transit"', "sort": "date"})
    assert "paragraphs MATCH ?" in sql and args == ['"public transit"']
    assert "ORDER BY meta.air_date DESC" in sql
    sql, args = peer_query({"q": "housing", "date_from": "2024-11-14", "date_to": "2025-11-14"})
    assert "meta.air_date BETWEEN ? AND ?" in sql and "ORDER BY rank" in sql
    assert args == ["housing", "2024-11-14", "2025-11-14"]


def test_a_failed_archive_build_leaves_the_search_words_trigger_and_the_indexes(monkeypatch):
    """The build turns the paragraphs' insert trigger and secondary indexes off for its
    COPY; a build that fails there puts them back, so later imports count their words."""
    from tools import bench_archive

    def copy_fails(*args, **kwargs):
        raise RuntimeError("the COPY failed")

    monkeypatch.setattr(bench_archive, "copy_segment_rows", copy_fails)
    with pytest.raises(RuntimeError, match="the COPY failed"):
        bench_archive.build_archive(ArchiveSpec(episodes=2, segments=3, long_episode_segments=4))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'transcripts_searchword_inserted'"
        )
        assert cursor.fetchone() == ("O",)
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'segment_search_vector'")
        assert cursor.fetchone() == (1,)
