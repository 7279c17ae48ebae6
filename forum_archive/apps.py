from django.apps import AppConfig


class ForumArchiveConfig(AppConfig):
    name = "forum_archive"
    verbose_name = "Forum Archive (project)"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from forum_archive.middleware import forget_cached_pages, watch_queries

        connection_created.connect(watch_queries, dispatch_uid="forum_archive.watch_queries")
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(forget_cached_pages, dispatch_uid=f"forum_archive.pages.{id(signal)}")
        # Bulk writes (publishing, merging) send no save signals; they are recorded.
        from episodes.trail import recorded

        recorded.connect(forget_cached_pages, dispatch_uid="forum_archive.pages.recorded")
