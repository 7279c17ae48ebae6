"""Who an episode page credits and what it is about, as dicts of ready strings.

Prefetched as model objects (appearances with their speakers, topics), they cost the
episode page ~3,500 Python calls of the ORM, and each of the template's lookups on them
(``appearance.speaker.name``) tried ``object[name]`` and caught a TypeError first. Read
here as tuples from one statement written out, they cost ~100; a dict lookup is the
template engine's fastest path. The HTML is the same byte for byte.
"""

from django.db import connection

from episodes.models import BILLING_ORDER, Appearance, Episode, Speaker, Topic
from forum_archive.reversing import addresses_of

ROLE_LABELS = dict(Appearance.Role.choices)

# Appearances in billing order (as AppearanceQuerySet.in_billing_order), then topics by
# name (Topic's ordering); kind 0 is an appearance, 1 a topic.
_CREDITS_SQL = (
    "SELECT 0, array_position(%(billing)s::text[], a.role), sp.name, sp.slug, a.role,"
    " a.introduced_as, sp.affiliation"
    f" FROM {Appearance._meta.db_table} a JOIN {Speaker._meta.db_table} sp"
    " ON sp.id = a.speaker_id WHERE a.episode_id = %(episode)s"
    " UNION ALL"
    " SELECT 1, 0, t.name, t.slug, NULL, NULL, NULL"
    f" FROM {Episode.topics.through._meta.db_table} et JOIN {Topic._meta.db_table} t"
    " ON t.id = et.topic_id WHERE et.episode_id = %(episode)s"
    " ORDER BY 1, 2, 3"
)


def episode_credits(episode_id):
    """(appearances, topics) of the episode: ``{"url", "name", "role", "role_label",
    "introduced_as", "affiliation"}`` in billing order, ``{"url", "name"}`` by name."""
    with connection.cursor() as cursor:
        cursor.execute(_CREDITS_SQL, {"billing": BILLING_ORDER, "episode": episode_id})
        rows = cursor.fetchall()
    speaker_url = addresses_of("episodes:speaker_detail")
    topic_url = addresses_of("episodes:topic_detail")
    appearances, topics = [], []
    for kind, _, name, slug, role, introduced_as, affiliation in rows:
        if kind == 0:
            appearances.append(
                {
                    "url": speaker_url(slug),
                    "name": name,
                    "role": role,
                    "role_label": ROLE_LABELS[role],
                    "introduced_as": introduced_as,
                    "affiliation": affiliation,
                }
            )
        else:
            topics.append({"url": topic_url(slug), "name": name})
    return appearances, topics
