"""The settings' readers of the environment: switches, numbers, URLs turned into settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from forum_archive.environment import cache_from_url, database_from_url, env_bool, env_int


def test_a_switch_and_a_number_take_their_default_when_unset_or_empty(monkeypatch):
    monkeypatch.setenv("ARCHIVE_SWITCH", "")
    monkeypatch.setenv("ARCHIVE_NUMBER", " ")
    assert env_bool("ARCHIVE_SWITCH", True) is True
    assert env_int("ARCHIVE_NUMBER", 7) == 7
    monkeypatch.setenv("ARCHIVE_SWITCH", "Off")
    monkeypatch.setenv("ARCHIVE_NUMBER", "12")
    assert env_bool("ARCHIVE_SWITCH", True) is False
    assert env_int("ARCHIVE_NUMBER", 7) == 12


def test_a_redis_cache_url_is_given_whole_to_the_client_a_file_one_as_its_folder():
    redis = cache_from_url("redis://cache:6379/0")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache:6379/0"
    assert cache_from_url("file:///var/cache")["LOCATION"] == "/var/cache"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with one of"):
        cache_from_url("mongodb://cache")


def test_a_database_url_must_name_postgresql():
    database = database_from_url("postgres://u:p@db:5432/archive", conn_max_age=60)
    assert (database["NAME"], database["CONN_MAX_AGE"]) == ("archive", 60)
    with pytest.raises(ImproperlyConfigured, match="must point at PostgreSQL"):
        database_from_url("mysql://u:p@db/archive", conn_max_age=60)


def test_the_file_cache_looks_at_its_folder_at_most_once_a_second_and_still_culls(
    tmp_path, monkeypatch
):
    from django.core.cache.backends.filebased import FileBasedCache

    from forum_archive import file_cache

    cache = file_cache.LazyCullFileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    scans = []
    scan = FileBasedCache._list_cache_files
    monkeypatch.setattr(
        FileBasedCache, "_list_cache_files", lambda self: scans.append(1) or scan(self)
    )
    clock = [1000.0]
    monkeypatch.setattr(file_cache.time, "monotonic", lambda: clock[0])
    for n in range(30):
        cache.set(f"page-{n}", "x" * 100)
    assert len(scans) == 1  # not one scan per write
    assert len(list(tmp_path.glob("*.djcache"))) == 30
    clock[0] += 1.5
    cache.set("one-more", "x")
    # Full: a third of the files were culled before this write, as Django's cache does.
    assert len(scans) == 2
    assert len(list(tmp_path.glob("*.djcache"))) == 30 - 10 + 1


def test_the_file_cache_keeps_a_page_as_it_is_so_that_a_hit_inflates_nothing(tmp_path):
    from forum_archive.file_cache import LazyCullFileBasedCache

    cache = LazyCullFileBasedCache(str(tmp_path), {})
    page = "<p>A paragraph of the transcript.</p>\n" * 5_000
    cache.set("page", page, 60)
    (stored,) = tmp_path.glob("*.djcache")
    assert page.encode() in stored.read_bytes()  # not deflated
    assert cache.get("page") == page


def test_the_file_cache_still_reads_what_djangos_deflating_cache_wrote_before_a_deploy(
    tmp_path,
):
    from django.core.cache.backends.filebased import FileBasedCache

    from forum_archive.file_cache import LazyCullFileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", {"html": "<p>Before.</p>" * 100}, 60)
    cache = LazyCullFileBasedCache(str(tmp_path), {})
    assert cache.get("page") == {"html": "<p>Before.</p>" * 100}
    assert cache.get("missing", "default") == "default"


def test_touching_a_file_cache_entry_keeps_its_value_for_the_new_time(tmp_path):
    from forum_archive.file_cache import LazyCullFileBasedCache

    cache = LazyCullFileBasedCache(str(tmp_path), {})
    cache.set("page", "<p>Kept.</p>", 1)
    assert cache.touch("page", 3600)
    (stored,) = tmp_path.glob("*.djcache")
    with stored.open("rb") as file:
        assert not cache._is_expired(file)
        assert cache.get("page") == "<p>Kept.</p>"
    assert not cache.touch("missing", 60)


def test_touching_an_expired_file_cache_entry_answers_false_and_removes_it(tmp_path):
    from forum_archive.file_cache import LazyCullFileBasedCache

    cache = LazyCullFileBasedCache(str(tmp_path), {})
    cache.set("debt", 5, 0)  # written already expired
    assert list(tmp_path.glob("*.djcache"))
    assert not cache.touch("debt", 600)
    assert not list(tmp_path.glob("*.djcache")) and cache.get("debt") is None


def test_touching_a_deflated_file_cache_entry_keeps_its_value(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    from forum_archive.file_cache import LazyCullFileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", {"html": "<p>Before.</p>" * 100}, 1)
    cache = LazyCullFileBasedCache(str(tmp_path), {})
    assert cache.touch("page", 3600)
    assert cache.get("page") == {"html": "<p>Before.</p>" * 100}


def test_touching_a_file_cache_entry_waits_for_another_workers_lock(tmp_path):
    import threading

    from django.core.files import locks

    from forum_archive.file_cache import LazyCullFileBasedCache

    cache = LazyCullFileBasedCache(str(tmp_path), {})
    cache.set("debt", 5, 60)
    (stored,) = tmp_path.glob("*.djcache")
    touched = []
    with stored.open("r+b") as other_worker:
        locks.lock(other_worker, locks.LOCK_EX)
        toucher = threading.Thread(target=lambda: touched.append(cache.touch("debt", 600)))
        toucher.start()
        toucher.join(0.2)
        assert toucher.is_alive() and not touched  # still waiting for the lock
        locks.unlock(other_worker)
    toucher.join()
    assert touched == [True] and cache.get("debt") == 5
