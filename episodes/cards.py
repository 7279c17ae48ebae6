"""Episode cards: what a list of episodes shows of each, made into strings once in Python.

The list, home, show and topic pages show up to 20 cards. Rendered from model objects,
each card cost ~0.5 ms of template work (four or five `{% url %}` reversals, two `date`
filters, a related manager for the topics and some fifty variable lookups, each of which
tries `object[name]` and catches the TypeError first): ~70% of `/episodes/`. A card is
now a dict of ready strings (dict lookups are the template engine's fastest path), so
`_episode_card.html` only escapes and joins; each link's address is reversed once per
process (forum_archive.reversing), not per card. The rows are read as tuples, not model
objects: building 20 episodes, their shows and a prefetch of their topics as objects cost
more CPU than the cards themselves. The HTML is the same byte for byte.
"""

import functools
from collections import defaultdict

from django.utils import dateformat

from episodes.models import Episode, Topic, episode_addresses
from episodes.reads import id_array, reading_connection
from episodes.templatetags.archive import duration
from forum_archive.reversing import addresses_of

CARD_FIELDS = (
    "pk",
    "title",
    "slug",
    "air_date",
    "duration_s",
    "summary",
    "show__slug",
    "show__name",
)


@functools.lru_cache(maxsize=4096)
def date_text(day):
    """``day`` as a card shows it ("Sept. 4, 2025"), made once per process: Django's
    ``dateformat`` costs ~75 Python calls a date, and the site has one language
    (settings.USE_I18N off), so a day always reads the same."""
    return dateformat.format(day, "N j, Y")


# The cards' topics by name, written out (built by the ORM, ~1,000 Python calls a page).
_TOPICS_SQL = (
    f"SELECT et.episode_id, t.slug, t.name FROM {Episode.topics.through._meta.db_table} et"
    f" JOIN {Topic._meta.db_table} t ON t.id = et.topic_id"
    " WHERE et.episode_id = ANY(%s::bigint[]) ORDER BY t.name"
)


def episode_cards(episodes):
    """A card (a dict of strings) for each episode of the queryset ``episodes``, in its
    order: two queries (the episodes with their show, then their topics by name)."""
    rows = list(episodes.prefetch_related(None).values_list(*CARD_FIELDS))
    topics_of = defaultdict(list)
    with reading_connection(Topic).cursor() as cursor:
        cursor.execute(_TOPICS_SQL, [id_array(row[0] for row in rows)])
        topics = cursor.fetchall()
    # A page's cards share a few shows and topics: each address made once per page.
    topic_url = addresses_of("episodes:topic_detail")
    show_url = addresses_of("episodes:show_detail")
    episode_url = episode_addresses()
    for episode_id, slug, name in topics:
        topics_of[episode_id].append({"url": topic_url(slug), "name": name})
    cards = []
    for pk, title, slug, air_date, duration_s, summary, show_slug, show_name in rows:
        cards.append(
            {
                "url": episode_url(air_date, slug),
                "title": title,
                "show_url": show_url(show_slug),
                "show_name": show_name,
                "date_iso": air_date.isoformat(),
                "date_text": date_text(air_date),
                "duration": duration(duration_s),
                "summary": summary,
                "topics": topics_of[pk],
            }
        )
    return cards
