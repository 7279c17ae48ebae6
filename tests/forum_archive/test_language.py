"""One language, English: messages, dates and numbers as Django's English gives them,
without a catalog looked up for each."""

from datetime import date

from django.contrib.humanize.templatetags.humanize import intcomma
from django.forms import DateField, ValidationError
from django.utils import dateformat
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from tests.python_calls import python_calls


def test_translating_a_message_looks_up_no_catalog():
    lazy = gettext_lazy("Enter a valid date.")
    str(lazy)  # the first may load what later ones reuse
    # With translation on: ~40 calls each, the active language sought and missed first.
    assert python_calls(lambda: str(lazy)) <= 6
    assert python_calls(lambda: gettext("Enter a valid date.")) <= 5


def test_messages_dates_and_numbers_read_as_english():
    assert get_language() == "en-us"
    assert ngettext("%(n)d paragraph", "%(n)d paragraphs", 1) % {"n": 1} == "1 paragraph"
    assert ngettext("%(n)d paragraph", "%(n)d paragraphs", 2) % {"n": 2} == "2 paragraphs"
    assert dateformat.format(date(2025, 9, 4), "N j, Y") == "Sept. 4, 2025"
    assert dateformat.format(date(2025, 3, 14), "D, F jS") == "Fri, March 14th"
    assert intcomma(1234567) == "1,234,567"
    try:
        DateField().clean("2020-13-40")
    except ValidationError as error:
        assert error.messages == ["Enter a valid date."]


def test_a_page_with_a_bad_filter_says_what_is_wrong_in_english(client, db):
    response = client.get("/episodes/", {"date_from": "2020-13-40"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
