"""Bad queries: empty, stop words only, too long, odd characters, unknown filters."""

import pytest

from tests.factories import episode_with
from tests.transcripts.search.conftest import SEARCH, found
from transcripts.search import NOTHING_TO_FIND, STOP_WORDS_ONLY

pytestmark = pytest.mark.django_db


def test_an_empty_search_shows_help_with_examples(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "How to search" in response.content.decode()
    assert "wildfire -smoke" in response.content.decode()
    assert client.get(SEARCH, {"q": "   "}).status_code == 200


def test_only_stop_words_or_only_excluded_words_say_why_nothing_was_searched(client):
    episode_with("The and of it.")
    assert found("the and of").message == STOP_WORDS_ONLY
    assert found("-drought").message == NOTHING_TO_FIND
    page = client.get(SEARCH, {"q": "the of"}).content.decode()
    assert "only very common words" in page


def test_a_very_long_query_is_cut_with_a_notice(client):
    episode_with("Drought talk.")
    response = client.get(SEARCH, {"q": "drought " + "word " * 200})
    assert response.status_code == 200
    assert "longer than 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', '""', "OR", "- -", "&&& ||| !!! :* <> ()", "a:*", "\x07drought", "'\\", "🙂"],
)
def test_punctuation_quotes_and_control_characters_never_break_the_page(client, query):
    episode_with("Drought talk.")
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_a_nul_character_is_refused_not_an_error(client):
    assert client.get(SEARCH, {"q": "\x00drought"}).status_code == 400


@pytest.mark.parametrize(
    "params,message",
    [
        ({"speaker": "nobody"}, "There is no speaker “nobody”"),
        ({"show": "nowhere"}, "There is no show “nowhere”"),
        ({"topic": "nothing"}, "There is no topic “nothing”"),
        ({"date_from": "last week"}, "Enter the start date as YYYY-MM-DD."),
        ({"date_from": "2025-02-01", "date_to": "2025-01-01"}, "end date is before the start"),
    ],
)
def test_unknown_filter_values_get_a_clear_message(client, params, message):
    response = client.get(SEARCH, {"q": "drought", **params})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_sort_falls_back_to_best_match(client):
    episode_with("Drought.")
    assert client.get(SEARCH, {"q": "drought", "sort": "sideways"}).status_code == 200


def test_the_search_form_checks_a_search_without_copying_its_fields(db):
    from django.http import QueryDict

    from tests.python_calls import python_calls
    from transcripts.filters import SearchForm

    def checked():
        form = SearchForm(QueryDict("q=housing&sort=date"))
        assert form.is_valid()
        return form.criteria()

    checked()  # the first form of a process may import and compile what later ones reuse
    # Deep-copied fields (three querysets cloned) and "no speaker" as a queryset.none()
    # whose truth test compiles a statement: ~1,700 calls.
    assert python_calls(checked) < 400
    assert checked().speakers == ()


def test_a_search_forms_fields_are_not_changed_by_checking_one(db):
    from django.http import QueryDict

    from transcripts.filters import SearchForm

    first = SearchForm(QueryDict("q=x&show=no-such-show"))
    assert not first.is_valid()
    second = SearchForm(QueryDict("q=x"))
    assert second.is_valid() and second.cleaned_data["show"] is None


def test_search_pages_leave_the_shared_form_fields_as_the_class_made_them(client):
    # SearchForm's fields are shared by every form (filters._SharedFields), not copied:
    # a page that changed one (a widget's attrs, a queryset's cached rows) would change
    # it for every later search of the process.
    from transcripts.filters import SearchForm

    def state():
        fields = {}
        for name, field in SearchForm.base_fields.items():
            attributes = {k: v for k, v in vars(field).items() if k not in ("queryset", "widget")}
            widget = {k: v for k, v in vars(field.widget).items() if k != "choices"}
            queryset = getattr(field, "queryset", None)
            rows = None if queryset is None else (str(queryset.query), queryset._result_cache)
            fields[name] = (repr(attributes), repr(widget), rows)
        return fields

    before = state()
    for params in (
        {"q": "housing", "show": "no-such-show", "topic": "x", "speaker": ["a", "b"]},
        {"q": "housing", "date_from": "2024-13-01", "date_to": "2020-01-01", "sort": "odd"},
        {"q": "housing", "sort": "date"},
    ):
        assert client.get(SEARCH, params).status_code in (200, 400)  # 400: the form's errors
    assert state() == before
