"""How the outage drill (manage.py faults) judges what visitors got."""

from tools.faults import Outage, Request, outage_verdicts, split_by_outage

OUTAGE = Outage(stop_began=10.0, stopped=10.5, start_began=16.0, started=16.4)
SAME_PIDS = {"master": 1, "workers": [2, 3]}


def request(start, end, status):
    return Request(start, end, "episode", status)


def verdicts(requests, pids_after=SAME_PIDS):
    windows = split_by_outage(requests, OUTAGE)
    return dict(outage_verdicts(windows, SAME_PIDS, pids_after))


GOOD_RUN = [
    request(9.0, 9.1, 200),  # before
    request(10.2, 10.3, 200),  # across the stop: either is right
    request(10.4, 10.6, 503),
    request(12.0, 12.01, 503),  # during
    request(15.9, 16.2, 503),  # across the start
    request(16.5, 16.6, 200),  # after
]


def test_a_run_with_503_during_and_200_around_passes():
    assert all(verdicts(GOOD_RUN).values())


def test_a_500_during_the_outage_fails():
    result = verdicts([*GOOD_RUN, request(13.0, 13.1, 500)])
    assert not result["requests during the outage all answered 503"]


def test_a_503_after_the_restart_fails():
    result = verdicts([*GOOD_RUN, request(17.0, 17.1, 503)])
    assert not result["requests after the restart all answered 200"]


def test_a_dropped_connection_anywhere_fails():
    result = verdicts([*GOOD_RUN, request(10.2, 10.9, 0)])
    assert not result["requests across a stop or a start answered 200 or 503"]


def test_a_restarted_worker_fails():
    result = verdicts(GOOD_RUN, pids_after={"master": 1, "workers": [2, 9]})
    assert not result["gunicorn and its workers were not restarted"]


def test_no_request_during_the_outage_is_not_a_pass():
    result = verdicts([r for r in GOOD_RUN if not 10.5 <= r.start <= 16.0 or r.end > 16.0])
    assert not result["requests during the outage all answered 503"]
