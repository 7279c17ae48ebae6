"""Episode cards' strings."""

from datetime import date

from django.utils import dateformat

from episodes.cards import date_text
from tests.python_calls import python_calls


def test_a_cards_date_reads_as_djangos_date_format_gives_it():
    for day in (date(2025, 9, 4), date(2025, 5, 1), date(2024, 12, 31), date(2025, 3, 14)):
        assert date_text(day) == dateformat.format(day, "N j, Y")
    assert date_text(date(2025, 9, 4)) == "Sept. 4, 2025"


def test_a_day_is_formatted_once_per_process():
    date_text(date(2025, 11, 14))
    # Django's dateformat each time: ~75 Python calls.
    assert python_calls(lambda: date_text(date(2025, 11, 14))) <= 3
