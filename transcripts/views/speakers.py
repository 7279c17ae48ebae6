"""The speaker page: where they were heard, for how long, and what they said."""

from collections import Counter

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import DetailView

from episodes.models import Appearance, Speaker, SpeakerSlugRedirect, Topic
from transcripts.models import Segment


class SpeakerDetailView(DetailView):
    template_name = "episodes/speaker_detail.html"

    def get_queryset(self):
        # Someone heard only in unpublished drafts has no public page yet.
        return Speaker.objects.heard_in_public().prefetch_related("aliases")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A merged or renamed speaker's old address leads to where they are now.
            moved = SpeakerSlugRedirect.objects.filter(old_slug=kwargs["slug"]).first()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(
                reverse("episodes:speaker_detail", args=[moved.speaker.slug])
            )

    def get_context_data(self, **kwargs):
        speaker = self.object
        appearances = list(speaker.appearances.published().newest_first())
        talk = Segment.objects.talk_by_episode(speaker)
        for appearance in appearances:
            appearance.talk_ms, appearance.talk_estimated = talk.get(
                appearance.episode_id, (None, False)
            )
        remarks = Segment.objects.remarks_of(speaker)
        recent = list(remarks.newest_first()[:3])
        longest = list(remarks.exclude(pk__in=[r.pk for r in recent]).longest_first()[:3])
        roles = Counter(a.role for a in appearances)
        return super().get_context_data(
            appearances=appearances,
            usual_role=(Appearance.Role(roles.most_common(1)[0][0]).label if appearances else ""),
            # What they are: their record's affiliation, else how an episode introduced them.
            described_as=speaker.affiliation
            or next((a.introduced_as for a in appearances if a.introduced_as), ""),
            talk=Segment.objects.heard_from(speaker),
            recent_remarks=recent,
            longest_remarks=longest,
            topics=Topic.objects.talked_about_by(speaker)[:10],
            **kwargs,
        )
