"""The episode page (its transcript, a shared moment, a search within it) and its downloads."""

import functools
import secrets
import threading
from collections import OrderedDict
from datetime import date

from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.generic import DateDetailView
from django.views.generic.dates import BaseDateDetailView

from episodes.cached import generation, kept
from episodes.credits import episode_credits, episode_for_page
from episodes.models import Episode
from forum_archive.reversing import addresses_of
from transcripts.exporters import EXPORT_FORMATS, export_transcript
from transcripts.models import Segment, transcript_for_page
from transcripts.reading import (
    add_share_moments,
    group_turns,
    mark_matches,
    moment_bound_ms,
    talk_shares,
)
from transcripts.search import search_episode


class EpisodeDateMixin:
    """/episodes/YYYY/MM/DD/<slug>/: the episode of that air date and slug."""

    date_field = "air_date"
    month_format = "%m"
    allow_future = True  # an episode announced ahead of its air date has a page too

    def get_queryset(self):
        return Episode.objects.published()


class RecentTranscripts:
    """The HTML of the transcripts this process served last, besides the shared cache.

    A long transcript's HTML is 1-2 MB; from the shared cache (files under var/cache in
    production) each request would read it, inflate it (zlib) and unpickle it: ~3.5 ms
    of CPU for 2,000 paragraphs. Kept here under the same key, the transcript and the
    page generation, a copy is never stale: any edit starts a new generation. Bounded
    by characters, least recently used out first.
    """

    def __init__(self, max_chars):
        self.max_chars = max_chars
        self.chars = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()  # runserver answers on threads

    def get(self, key, compute):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        html = compute()
        with self.lock:
            if key not in self.entries and len(html) <= self.max_chars:
                self.entries[key] = html
                self.chars += len(html)
                while self.chars > self.max_chars:
                    _, oldest = self.entries.popitem(last=False)
                    self.chars -= len(oldest)
        return html


recent_transcripts = RecentTranscripts(max_chars=8_000_000)


def transcript_html(transcript, turns):
    """The transcript's paragraphs as HTML (Django templates, escaped there) encoded in
    UTF-8, kept until the archive changes; ``turns()`` is called only when no copy is kept."""

    def render():
        context = {"turns": turns(), "estimate_mark": "~" if transcript.is_estimated else ""}
        return render_to_string("episodes/_transcript.html", context)

    def shared():
        return kept("transcript-html", render, transcript.pk).encode()

    return recent_transcripts.get((transcript.pk, generation()), shared)


# Where the kept transcript goes in the rendered page: a mark no text of the page can hold
# (new in each process, and an HTML comment were it ever left in).
TRANSCRIPT_PLACE = mark_safe(f"<!--transcript {secrets.token_hex(16)}-->")


def spliced_page(response, transcript_bytes):
    """The page with the kept transcript's bytes where TRANSCRIPT_PLACE was rendered.

    A transcript's HTML is most of its page (0.35 MB for 500 paragraphs, 1.35 MB for
    2,000): rendered into the page as text, each enclosing tag joined a copy of it and the
    response encoded all of it to UTF-8 again, ~7 of a 500-paragraph page's ~32 million
    instructions. Kept encoded, it is copied once, into the response."""
    response.render()
    before, place, after = response.content.partition(TRANSCRIPT_PLACE.encode())
    if place:
        response.content = b"".join([before, transcript_bytes, after])
    return response


class EpisodeDetailView(EpisodeDateMixin, DateDetailView):
    template_name = "episodes/episode_detail.html"

    def get_object(self, queryset=None):
        """The episode of the address's air date and slug (a draft for staff only)."""
        try:  # the converters took two or four digits: a 31st of February is no day
            day = date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError:
            raise Http404("No such day") from None
        # Staff may read a draft as readers will see it (marked, and noindex).
        episode = episode_for_page(day, self.kwargs["slug"], drafts=self.request.user.is_staff)
        if episode is None:
            raise Http404("No episode of that day and slug")
        return episode

    def get(self, request, *args, **kwargs):
        moment = request.GET.get("t")
        if moment is not None:
            # Checked before the episode is looked up: a refusal costs no query.
            try:
                bound_ms = moment_bound_ms(moment)
            except ValueError:
                return HttpResponseBadRequest(
                    "?t= must be a number of seconds from 0 to 172800 (48 hours), e.g. ?t=754",
                    content_type="text/plain; charset=utf-8",
                )
        self.object = self.get_object()
        if moment is not None:
            return self.redirect_to_moment(bound_ms)
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        if self.transcript_bytes:
            response = spliced_page(response, self.transcript_bytes)
        if not self.object.is_published:
            # A staff member reading a draft: never kept by a cache on the way.
            response["Cache-Control"] = "private, no-store"
        return response

    def redirect_to_moment(self, bound_ms):
        """?t=754 (seconds) is the shareable form; the paragraph anchor scrolls without JS."""
        url = self.object.get_absolute_url()
        segment = (
            Segment.objects.current()
            .filter(transcript__episode=self.object)
            .only("key")
            .at_time(bound_ms)
        )
        return HttpResponseRedirect(f"{url}#{segment.anchor}" if segment else url)

    def get_context_data(self, **kwargs):
        transcript = transcript_for_page(self.object.pk)
        turns = shares = []
        html = self.transcript_bytes = b""
        episode_search = None
        query = self.request.GET.get("q", "").strip()
        if transcript is not None and query:
            turns, shares, episode_search = self.read(transcript, query)
        elif transcript is not None:
            # Read only where a cached fragment (the transcript, who spoke how much) is
            # stale: a warm page builds no paragraph; its key is the transcript's id.
            read = functools.cache(functools.partial(self.read, transcript))
            html = self.transcript_bytes = transcript_html(transcript, lambda: read()[0])
            shares = SimpleLazyObject(lambda: read()[1])
        appearances, topics = episode_credits(self.object.pk)
        day, slug = self.object.air_date, self.object.slug
        download = addresses_of("episodes:download")
        downloads = [
            (format, download(day.year, day.month, day.day, slug, format))
            for format in EXPORT_FORMATS
        ]
        return super().get_context_data(
            appearances=appearances,
            topics=topics,
            transcript=transcript,
            estimate_mark="~" if transcript and transcript.is_estimated else "",
            turns=turns,
            transcript_html=TRANSCRIPT_PLACE if html else "",
            any_inferred=bool(transcript and transcript.inferred),
            shares=shares,
            episode_search=episode_search,
            search_query=self.request.GET.get("q", ""),
            downloads=downloads,
            vtt_download=dict(downloads)["vtt"],
            **kwargs,
        )

    def read(self, transcript, query=""):
        """(turns, talk shares, the search within the episode, marked in the turns)."""
        segments = list(transcript.segments.for_reading())
        add_share_moments(segments)
        episode_search = None
        if query:
            episode_search = search_episode(transcript, query)
            mark_matches(segments, episode_search.hits)
        turns = group_turns(segments)
        duration_ms = (self.object.duration_s or 0) * 1000
        shares = talk_shares(
            turns, episode_ms=max(duration_ms, segments[-1].end_ms if segments else 0)
        )
        return turns, shares, episode_search


class TranscriptDownloadView(EpisodeDateMixin, BaseDateDetailView):
    """The current transcript of a published episode, as a file in one of EXPORT_FORMATS."""

    def get(self, request, *args, **kwargs):
        if kwargs["format"] not in EXPORT_FORMATS:
            raise Http404("No such transcript format")
        episode = self.get_object()
        transcript = episode.transcripts.current().first()
        if transcript is None:
            raise Http404("This episode has no transcript")
        content_type, extension = EXPORT_FORMATS[kwargs["format"]]
        response = HttpResponse(
            export_transcript(transcript, kwargs["format"]),
            content_type=f"{content_type}; charset=utf-8",
        )
        filename = f"{episode.air_date:%Y-%m-%d}-{slugify(episode.title)[:80]}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
