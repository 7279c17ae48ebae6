"""What the episode page reads of the catalogue: the episode with its show, who it
credits and what it is about, each read by one statement written out.

Built by the ORM, the episode's lookup (DateDetailView's date lookup, a queryset with its
show) cost the page ~2,400 Python calls, and its appearances with their speakers and its
topics, prefetched as model objects, ~3,500; each of the template's lookups on those
(``appearance.speaker.name``) tried ``object[name]`` and caught a TypeError first. The
credits are dicts of ready strings (a dict lookup is the template engine's fastest path).
The HTML is the same byte for byte.
"""

from episodes.models import BILLING_ORDER, Appearance, Episode, Show, Speaker, Topic
from episodes.reads import reading_connection
from forum_archive.reversing import addresses_of

ROLE_LABELS = dict(Appearance.Role.choices)

_EPISODE_FIELDS = [field.attname for field in Episode._meta.concrete_fields]
_SHOW_FIELDS = [field.attname for field in Show._meta.concrete_fields]
_EPISODE_SQL = (
    "SELECT "
    + ", ".join(f"e.{field.column}" for field in Episode._meta.concrete_fields)
    + ", "
    + ", ".join(f"sh.{field.column}" for field in Show._meta.concrete_fields)
    + f" FROM {Episode._meta.db_table} e JOIN {Show._meta.db_table} sh ON sh.id = e.show_id"
    " WHERE e.air_date = %(day)s AND e.slug = %(slug)s"
)


def episode_for_page(day, slug, *, drafts=False):
    """The episode of that air date and slug with its show loaded, or None; a draft only
    with ``drafts`` (staff read drafts as readers will see them). Not published is
    ``published_through``'s ``is_published`` false."""
    sql = _EPISODE_SQL if drafts else f"{_EPISODE_SQL} AND e.is_published"
    connection = reading_connection(Episode)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"day": day, "slug": slug})
        row = cursor.fetchone()
    if row is None:
        return None
    count = len(_EPISODE_FIELDS)
    episode = Episode.from_db(connection.alias, _EPISODE_FIELDS, row[:count])
    episode.show = Show.from_db(connection.alias, _SHOW_FIELDS, row[count:])
    return episode


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
    with reading_connection(Appearance).cursor() as cursor:
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
