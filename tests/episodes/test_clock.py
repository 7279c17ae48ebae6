"""The one clock formatter: pages, downloads and messages write times with it."""

import pytest

from episodes.clock import clock


@pytest.mark.parametrize(
    ("milliseconds", "shown"),
    [(0, "0:00"), (999, "0:00"), (62_000, "1:02"), (3_723_450, "1:02:03"), (36e6, "10:00:00")],
)
def test_pages_show_minutes_and_seconds_and_hours_only_from_an_hour_on(milliseconds, shown):
    assert clock(milliseconds) == shown


def test_webvtt_and_subrip_stamps_pad_the_hours_and_keep_the_milliseconds():
    assert clock(3_723_450, hour_digits=2, millis=True) == "01:02:03.450"
    assert clock(62_005, hour_digits=2, millis=True, separator=",") == "00:01:02,005"


def test_a_time_outside_the_allowed_range_is_written_with_its_sign():
    assert clock(-1_500, hour_digits=1, millis=True) == "-0:00:01.500"
