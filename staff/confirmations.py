"""What unpublishing or restoring would change, said before it is done: reads only."""

from django.db.models import Exists, OuterRef

from episodes.models import Appearance, Speaker
from transcripts.models import Segment


def unpublish_consequences(episodes):
    """Sentences for the confirmation of unpublishing ``episodes`` (published ones)."""
    episodes = list(episodes)
    ids = [e.pk for e in episodes]
    paragraphs = Segment.objects.current().filter(transcript__episode__in=ids).count()
    # Speakers heard in no other published episode lose their public page.
    elsewhere = (
        Appearance.objects.published().filter(speaker=OuterRef("pk")).exclude(episode__in=ids)
    )
    orphaned = list(
        Speaker.objects.filter(pk__in=Appearance.objects.filter(episode__in=ids).values("speaker"))
        .exclude(Exists(elsewhere))
        .order_by("name")
        .values_list("name", flat=True)
    )
    pages = ", ".join(e.get_absolute_url() for e in episodes[:5])
    more = f" and {len(episodes) - 5} more" if len(episodes) > 5 else ""
    sentences = [
        f"The public page{'s' if len(episodes) > 1 else ''} {pages}{more} will answer “not found”: "
        "links to them, from anywhere, stop working until they are published again.",
        "They leave the episode lists, show and topic pages, the RSS and Atom feeds and the "
        f"sitemap; their {paragraphs} paragraph(s) leave search and search feeds.",
    ]
    if orphaned:
        sentences.append(
            "These speakers are heard in no other published episode, so their pages go too: "
            + ", ".join(orphaned)
            + "."
        )
    sentences.append("Staff still see everything here, and Publish brings it all back.")
    return sentences


def restore_consequences(transcript, current):
    """Sentences for the confirmation of making ``transcript`` the current version again."""
    episode = transcript.episode
    restored = transcript.segments.count()
    sentences = [
        f"Version {transcript.version} ({transcript.source_name or 'no file name'}, "
        f"{restored} paragraph(s)) becomes the current transcript"
        + (
            f" in place of version {current.version} ({current.segments.count()} paragraph(s)), "
            "which is kept and can be restored in turn."
            if current
            else "."
        ),
    ]
    if current is not None:
        kept = set(transcript.segments.values_list("key", flat=True))
        lost = current.segments.exclude(key__in=kept).count()
        if lost:
            sentences.append(
                f"{lost} paragraph link(s) of version {current.version} have no match in "
                f"version {transcript.version}: they will open the top of the episode page."
            )
    if episode.is_published:
        sentences.append(
            f"The public page {episode.get_absolute_url()}, its downloads and search show "
            f"version {transcript.version}'s text at once."
        )
    else:
        sentences.append("The episode is a draft: nothing changes on the public site.")
    return sentences
