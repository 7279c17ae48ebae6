"""The episode list's filters, and how many episodes each option would give."""

import copy

import django_filters
from django import forms
from django.db.models import Count, Q
from django_filters.fields import ModelMultipleChoiceField

from episodes.models import Appearance, Episode, Show, Speaker, Topic, has_current_transcript

SORTS = {
    "newest": ("-air_date", "title"),
    "oldest": ("air_date", "title"),
    "title": ("title", "-air_date"),
}
# How many speakers the filter offers (the most frequent within the current filters).
SPEAKER_FACET_SIZE = 15
# How many topics the filter offers (those with the most episodes; a chosen one always).
TOPIC_FACET_SIZE = 40
# The most speakers one list or search may ask for: each one is an argument the
# database must check, so the number is bounded before any lookup.
MAX_SPEAKERS = 10


def too_many_choices_message(limit, noun, asked):
    return f"Choose at most {limit} {noun} (this asked for {asked})."


class CappedChoicesMixin:
    """A multiple-choice field that refuses more than ``max_choices`` values, counted
    before any lookup, with a message that names the limit."""

    def __init__(self, *args, max_choices=MAX_SPEAKERS, noun="speakers", **kwargs):
        self.max_choices, self.noun = max_choices, noun
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value and len(value) > self.max_choices:
            raise forms.ValidationError(
                too_many_choices_message(self.max_choices, self.noun, len(value))
            )
        return super().clean(value)


class CappedModelMultipleChoiceField(CappedChoicesMixin, ModelMultipleChoiceField):
    def clean(self, value):
        # No choice: an empty list, as a choice is a list of speakers, not Django's
        # queryset.none(), whose every truth test (filter_speakers, the facets) compiles
        # a statement it never sends, ~0.1-0.3 ms each.
        if not value and not self.required:
            return []
        return super().clean(value)


class CappedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CappedModelMultipleChoiceField


class _FiltersCopiedShallow(dict):
    """A filter set's declared filters, which django-filter deep-copies for each filter set
    (each request): their querysets, widgets and choices, ~2,000 Python calls a list page.
    A filter's own state is its parent, model and bound method, set on a shallow copy;
    what was declared is shared, and nothing changes it after the class is made."""

    def __deepcopy__(self, memo):
        return {name: _own_copy(declared) for name, declared in self.items()}


def _own_copy(declared):
    filter_ = copy.copy(declared)
    if filter_.method is not None:
        filter_.method = filter_.method  # a FilterMethod of this copy, not of the declared one
    return filter_


class EpisodeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words in title or description", method="filter_words", max_length=200
    )
    # Only what public pages may name: a draft's show, topic or speaker is "not a choice".
    show = django_filters.ModelChoiceFilter(
        queryset=Show.objects.public(), to_field_name="slug", label="Show"
    )
    speaker = CappedModelMultipleChoiceFilter(
        queryset=Speaker.objects.heard_in_public(),
        to_field_name="slug",
        method="filter_speakers",
        label="Speakers",
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.public(), to_field_name="slug", field_name="topics", label="Topic"
    )
    date_from = django_filters.DateFilter(
        field_name="air_date",
        lookup_expr="gte",
        label="Aired from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="air_date",
        lookup_expr="lte",
        label="Aired until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    has_transcript = django_filters.ChoiceFilter(
        label="Transcript",
        method="filter_has_transcript",
        choices=[("true", "With transcript"), ("false", "Without")],
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("newest", "Newest first"), ("oldest", "Oldest first"), ("title", "Title")],
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = Episode
        fields = []

    def __init__(self, *args, **kwargs):
        # django-filter's __init__ deep-copies this: see _FiltersCopiedShallow.
        self.base_filters = _FiltersCopiedShallow(type(self).base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        # django-filter makes a form class afresh from the filters' fields for every
        # filter set (every request); they are the same each time (no per-request
        # choices), so it is made once per class. Each form still has its own copies.
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = type(self)._form_class = super().get_form_class()
        return form_class

    def filter_words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__unaccent__icontains=word)
                | Q(description__unaccent__icontains=word)
                | Q(summary__unaccent__icontains=word)
            )
        return queryset

    def filter_speakers(self, queryset, name, speakers):
        """Episodes where all of the speakers speak: one grouped subquery over appearances
        (GROUP BY episode HAVING count = n), whose cost does not grow per speaker as a
        join per speaker does."""
        if not speakers:
            return queryset
        with_all = (
            Appearance.objects.filter(speaker__in=speakers)
            .values("episode")
            .annotate(found=Count("speaker"))
            .filter(found=len(speakers))
            .values("episode")
        )
        return queryset.filter(pk__in=with_all)

    def filter_has_transcript(self, queryset, name, value):
        exists = has_current_transcript()
        return queryset.filter(exists if value == "true" else ~exists)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))

    def without(self, name):
        """The current filters less one, to count what each of its options would give.

        Reuses the validated values, so it costs no lookups of its own.
        """
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name not in (name, "sort"):
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def facets(self):
        """Counts for every option of show, topic, speaker and transcript: a fixed few queries."""
        by_show = dict(
            self.without("show").order_by().values_list("show__slug").annotate(n=Count("pk"))
        )
        by_topic = (
            Episode.topics.through.objects.filter(episode__in=self.without("topic").values("pk"))
            .values("topic")
            .annotate(n=Count("episode"))
            .order_by("-n")
        )
        chosen_topic = self.form.cleaned_data.get("topic")
        topic_counts = {row["topic"]: row["n"] for row in by_topic[:TOPIC_FACET_SIZE]}
        if chosen_topic is not None and chosen_topic.pk not in topic_counts:
            topic_counts[chosen_topic.pk] = self.qs.count()  # the chosen one stays offered
        topics = Topic.objects.filter(pk__in=topic_counts).order_by("name")
        chosen = (
            [s.slug for s in self.form.cleaned_data.get("speaker") or []] if self.is_valid() else []
        )
        speakers = list(
            Appearance.objects.filter(episode__in=self.qs.values("pk"))
            .values("speaker__slug", "speaker__name")
            # One appearance per (episode, speaker) (appearance_once_per_episode): a plain
            # count is the number of episodes, hashed instead of DISTINCT's sort
            # (~30 -> ~18 ms at 2,000 episodes on a busy machine).
            .annotate(n=Count("pk"))
            .order_by("-n", "speaker__name")[:SPEAKER_FACET_SIZE]
        )
        episodes = Episode.objects.filter(pk__in=self.without("has_transcript").values("pk"))
        total = episodes.count()
        with_transcript = episodes.filter(has_current_transcript()).count()
        return {
            "shows": [(show, by_show.get(show.slug, 0)) for show in Show.objects.public()],
            "topics": [(topic, topic_counts[topic.pk]) for topic in topics],
            "speakers": [
                (
                    row["speaker__slug"],
                    row["speaker__name"],
                    row["n"],
                    row["speaker__slug"] in chosen,
                )
                for row in speakers
            ],
            "transcripts": {
                "with_transcript": with_transcript,
                "without_transcript": total - with_transcript,
            },
        }
