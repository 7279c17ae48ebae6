"""Values kept until the archive changes, in the shared cache and in the process."""

import pytest
from django.core.cache import cache

from episodes import cached
from episodes.cached import kept_here, start_new_generation


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_a_value_kept_here_is_read_from_the_process_after_the_first_time():
    compute, calls = counting(["a", "b"])
    first = kept_here("test-value", compute, 1)
    cache.delete(cached._key("test-value", (1,)))  # the shared cache is not read again...
    again = kept_here("test-value", compute, 1)
    assert again is first and len(calls) == 1


def test_a_value_kept_here_is_computed_afresh_once_the_archive_changes():
    compute, calls = counting(["a"])
    kept_here("test-value", compute, 2)
    start_new_generation()  # ...but a change made in any process is seen at once
    kept_here("test-value", compute, 2)
    assert len(calls) == 2


def test_values_read_often_stay_kept_here_while_many_others_come_and_go():
    compute, calls = counting(["shows"])
    kept_here("test-value", compute, "shows")
    cache.delete(cached._key("test-value", ("shows",)))  # kept by the process alone
    for words in range(cached.KEPT_HERE_MAX * 2):  # searchers' words, each read once
        kept_here("test-value", lambda: [], f"words {words}")
        kept_here("test-value", compute, "shows")  # read by every page
    assert len(calls) == 1 and len(cached._kept_here) <= cached.KEPT_HERE_MAX


def test_an_error_computing_a_value_kept_here_reaches_the_caller():
    def compute():
        return {}["missing"]

    with pytest.raises(KeyError):
        kept_here("test-value", compute, "broken")


def test_a_value_another_process_kept_is_read_from_the_shared_cache():
    compute, calls = counting(["mine"])
    kept_here("test-value", counting(["theirs"])[0], 3)
    cached._kept_here.clear()  # as in another process: only the shared cache has it
    assert kept_here("test-value", compute, 3) == ["theirs"] and not calls


def test_a_request_reads_the_generation_once_and_sees_its_own_changes(db):
    from django.core.signals import request_finished, request_started

    from episodes.cached import GENERATION_KEY, generation

    cache.set(GENERATION_KEY, 100, timeout=None)
    request_started.send(sender=None)
    try:
        assert generation() == 100
        cache.set(GENERATION_KEY, 200, timeout=None)  # another process's change, mid-request
        assert generation() == 100  # one generation from start to end of a request
        start_new_generation()  # this request's own change is seen at once
        assert generation() == 201
    finally:
        request_finished.send(sender=None)
    cache.set(GENERATION_KEY, 300, timeout=None)
    assert generation() == 300  # outside a request, every use reads it
