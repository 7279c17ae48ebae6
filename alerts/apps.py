from django.apps import AppConfig
from django.db import transaction

# Trail actions after which an episode may have paragraphs readers have not seen.
NEW_WORDS = {"imported", "replaced", "restored", "published"}


def on_archive_change(sender, action, episodes, **kwargs):
    """Once the change commits, look for the alerts its episodes' paragraphs match."""
    if action not in NEW_WORDS:
        return
    episode_ids = sorted({episode.pk for episode in episodes if episode is not None})
    if not episode_ids:
        return
    from alerts.tasks import deliver_new_paragraphs

    transaction.on_commit(lambda: deliver_new_paragraphs.enqueue(episode_ids))


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from episodes.trail import recorded

        recorded.connect(on_archive_change, dispatch_uid="alerts.on_archive_change")
