"""The search form: every GET parameter of /search/ and its feeds, validated in one place.

``SearchForm(request.GET).criteria()`` gives the ``SearchCriteria`` that
``transcripts.search`` runs. Unknown speakers, shows or topics and malformed
dates are errors with a clear message; an overlong query is cut (with a
notice), control characters are dropped, an unknown sort falls back to the default.
"""

from functools import cached_property

from django import forms

from episodes.cached import kept_here
from episodes.filters import CappedModelMultipleChoiceField
from episodes.models import Show, Speaker, Topic
from transcripts.search import NEWEST, RELEVANCE, SearchCriteria, printable, tidy_words

SORT_CHOICES = [(RELEVANCE, "Best match"), (NEWEST, "Newest first")]


class QueryField(forms.CharField):
    """Search words as typed, less control characters (NUL would make PostgreSQL refuse)."""

    def to_python(self, value):
        return printable(super().to_python(value))


class LenientChoiceField(forms.ChoiceField):
    """An unknown choice counts as no choice: a sort is a preference, not a filter."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else ""


def _by_slug(field_class, queryset, kind, label):
    """Shows, topics or speakers chosen by slug; an unknown one is an error that says so."""
    return field_class(
        queryset=queryset,
        to_field_name="slug",
        required=False,
        label=label,
        error_messages={
            "invalid_choice": f"There is no {kind} “%(value)s” in the archive.",
            "invalid_list": f"Choose {kind}s by their short name (slug).",
        },
    )


def _aired(label, end):
    return forms.DateField(
        required=False,
        label=label,
        error_messages={"invalid": f"Enter the {end} date as YYYY-MM-DD."},
    )


class _SharedFields(dict):
    """A form's fields, shared by every form rather than deep-copied into each (Django's
    default: ~700 Python calls a search, three querysets cloned and their widgets copied).
    Nothing changes a field of the form after its class is made, and cleaning a value
    clones the field's queryset rather than evaluating it."""

    def __deepcopy__(self, memo):
        return dict(self)


class SearchForm(forms.Form):
    q = QueryField(label="Search for", required=False)
    speaker = _by_slug(
        CappedModelMultipleChoiceField, Speaker.objects.heard_in_public(), "speaker", "Said by"
    )
    show = _by_slug(forms.ModelChoiceField, Show.objects.public(), "show", "Show")
    topic = _by_slug(forms.ModelChoiceField, Topic.objects.public(), "topic", "Topic")
    date_from = _aired("Aired from", "start")
    date_to = _aired("Aired until", "end")
    sort = LenientChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notices = []  # what was changed in what was asked, for the page to say

    def clean_q(self):
        words, notice = tidy_words(self.cleaned_data.get("q"))
        if notice:
            self.notices.append(notice)
        return words

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def options(self, name):
        """(slug, name) of every show or topic, for the form's selects: kept until the
        archive changes (the queryset is built only to read them: ~170 Python calls)."""

        def read():
            return list(self.fields[name].queryset.order_by("name").values_list("slug", "name"))

        return kept_here("search-options", read, name)

    @cached_property
    def show_options(self):
        return self.options("show")

    @cached_property
    def topic_options(self):
        return self.options("topic")

    def chosen(self, name):
        """The slug asked for when it is one of the options, else "": a slug no show or
        topic has selects nothing, so the menu shows no choice rather than a stray value."""
        value = self[name].value()
        return value if value in dict(getattr(self, f"{name}_options")) else ""

    @property
    def chosen_show(self):
        return self.chosen("show")

    @property
    def chosen_topic(self):
        return self.chosen("topic")

    def criteria(self):
        """The validated request as SearchCriteria (call after is_valid())."""
        data = self.cleaned_data
        return SearchCriteria(
            words=data["q"],
            sort=data["sort"] or RELEVANCE,
            speakers=tuple(data["speaker"] or ()),
            show=data["show"],
            topic=data["topic"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


SearchForm.base_fields = _SharedFields(SearchForm.base_fields)
