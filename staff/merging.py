"""What staff see before merging two speakers: both side by side, and which should survive.

The survivor is the one with a real page history (edited in the admin, given a
bio, an affiliation or alternative spellings, or with old addresses that already
lead to it), else the older record. Paragraph counts decide nothing: a caption
typo can be heard more often than the name it misspells.
"""

from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from episodes.models import Episode, Speaker
from transcripts.models import Segment, Transcript


@dataclass
class SpeakerSide:
    speaker: Speaker
    paragraphs: int
    episodes: list[Episode]
    spellings: list[str]
    admin_edits: int
    old_addresses: list[str]

    @property
    def history(self):
        """How much of a page this speaker has had: what a merge could lose."""
        speaker = self.speaker
        profile = sum(1 for value in (speaker.bio, speaker.affiliation, speaker.honorific) if value)
        return self.admin_edits + profile + len(self.spellings) + len(self.old_addresses)


def speaker_side(speaker):
    episodes = Episode.objects.filter(
        Q(appearances__speaker=speaker)
        | Q(pk__in=Transcript.objects.filter(segments__speaker=speaker).values("episode"))
    ).distinct()
    return SpeakerSide(
        speaker=speaker,
        paragraphs=Segment.objects.filter(speaker=speaker).count(),
        episodes=list(episodes.select_related("show").order_by("-air_date")),
        spellings=list(speaker.aliases.order_by("name").values_list("name", flat=True)),
        admin_edits=LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Speaker), object_id=str(speaker.pk)
        ).count(),
        old_addresses=list(speaker.slug_redirects.values_list("old_slug", flat=True)),
    )


def likely_survivor(first, second):
    """Of two SpeakerSides, the one to keep: more page history, else the older record."""
    return min(first, second, key=lambda side: (-side.history, side.speaker.pk))
