"""Episode cards: what a list of episodes shows of each, made into strings once in Python.

The list, home, show and topic pages show up to 20 cards. Rendered from model objects,
each card cost ~0.5 ms of template work (four or five `{% url %}` reversals, two `date`
filters, a related manager for the topics and some fifty variable lookups, each of which
tries `object[name]` and catches the TypeError first): ~70% of `/episodes/`. A card is
now a dict of ready strings (dict lookups are the template engine's fastest path) and the
show and topic links are reversed once per slug, so `_episode_card.html` only escapes and
joins. The HTML is the same byte for byte.
"""

from django.urls import reverse
from django.utils import dateformat

from episodes.templatetags.archive import duration


def episode_cards(episodes):
    """A card (a dict of strings) for each episode, in order.

    ``episodes`` come from ``Episode.objects.for_listing()`` (show joined, topics
    prefetched), so this runs no query of its own.
    """
    show_urls = {}
    topic_urls = {}
    cards = []
    for episode in episodes:
        show = episode.show
        if show.slug not in show_urls:
            show_urls[show.slug] = reverse("episodes:show_detail", args=[show.slug])
        topics = []
        for topic in episode.topics.all():
            if topic.slug not in topic_urls:
                topic_urls[topic.slug] = reverse("episodes:topic_detail", args=[topic.slug])
            topics.append({"url": topic_urls[topic.slug], "name": topic.name})
        cards.append(
            {
                "url": episode.get_absolute_url(),
                "title": episode.title,
                "show_url": show_urls[show.slug],
                "show_name": show.name,
                "date_iso": episode.air_date.isoformat(),
                "date_text": dateformat.format(episode.air_date, "N j, Y"),
                "duration": duration(episode.duration_s),
                "summary": episode.summary,
                "topics": topics,
            }
        )
    return cards
