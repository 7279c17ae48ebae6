"""RSS and Atom feeds of a search: its newest matching paragraphs, filters included.

/search/feed/rss/?q=housing&speaker=rosa-delgado follows what a speaker says
about a subject as new episodes come in. The parameters are those of the
search page, validated by the same form; a bad one answers 400 with the reason.
"""

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from transcripts.filters import SearchForm
from transcripts.reading import display_name
from transcripts.search import newest_hits


class BadSearch(Exception):
    pass


def describe(criteria):
    """“housing” said by Rosa Delgado on Forum, in words, for feed titles."""
    parts = [f"“{criteria.words}”" if criteria.words else "Everything"]
    if criteria.speakers:
        parts.append("said by " + " or ".join(speaker.name for speaker in criteria.speakers))
    if criteria.show:
        parts.append(f"on {criteria.show.name}")
    if criteria.topic:
        parts.append(f"about {criteria.topic.name}")
    if criteria.date_from:
        parts.append(f"from {criteria.date_from:%b %-d, %Y}")
    if criteria.date_to:
        parts.append(f"until {criteria.date_to:%b %-d, %Y}")
    return " ".join(parts)


class SearchRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadSearch as problem:
            return HttpResponseBadRequest(
                f"This search feed cannot be made: {problem}\n", content_type="text/plain"
            )

    def get_object(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid():
            raise BadSearch(" ".join(error for errors in form.errors.values() for error in errors))
        criteria = form.criteria()
        if not criteria.words and not criteria.has_filters:
            raise BadSearch("give words to search for (q=...) or a filter.")
        return criteria

    def title(self, criteria):
        return f"{describe(criteria)} · Forum Archive search"

    def description(self, criteria):
        return f"The newest paragraphs matching {describe(criteria)} in the Forum Archive."

    def link(self, criteria):
        params = {"q": criteria.words, "speaker": [s.slug for s in criteria.speakers]}
        if criteria.show:
            params["show"] = criteria.show.slug
        if criteria.topic:
            params["topic"] = criteria.topic.slug
        if criteria.date_from:
            params["date_from"] = criteria.date_from.isoformat()
        if criteria.date_to:
            params["date_to"] = criteria.date_to.isoformat()
        query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
        return f"{reverse('transcripts:search')}?{query}"

    def items(self, criteria):
        return newest_hits(criteria)

    def item_title(self, hit):
        episode = hit.segment.transcript.episode
        return f"{display_name(hit.segment)} on “{episode.title}” ({episode.air_date:%b %-d, %Y})"

    def item_description(self, hit):
        return hit.snippet  # escaped transcript text with <mark>; the feed escapes it again

    def item_link(self, hit):
        return hit.segment.get_absolute_url()

    def item_author_name(self, hit):
        return display_name(hit.segment)

    def item_pubdate(self, hit):
        # The moment it was said: the air date plus the paragraph's time into the show.
        aired = datetime.combine(hit.segment.transcript.episode.air_date, time())
        return timezone.make_aware(aired + timedelta(milliseconds=hit.segment.start_ms))


class SearchAtomFeed(SearchRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, criteria):
        return self.description(criteria)
