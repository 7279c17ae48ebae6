from django.apps import AppConfig


class ForumArchiveConfig(AppConfig):
    name = "forum_archive"
    verbose_name = "Forum Archive (project)"

    def ready(self):
        from django.db.backends.signals import connection_created

        from forum_archive import page_cache
        from forum_archive.middleware import keep_statement_timeout, watch_queries

        connection_created.connect(watch_queries, dispatch_uid="forum_archive.watch_queries")
        connection_created.connect(
            keep_statement_timeout, dispatch_uid="forum_archive.keep_statement_timeout"
        )
        # Cached pages are forgotten when a write service says the archive changed
        # (not on model saves: an upload waiting for its preview changes no page).
        page_cache.listen_for_changes()
