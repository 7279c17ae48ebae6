#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_archive.settings")
    from django.core.management import execute_from_command_line

    from forum_archive.embedded_db import EmbeddedDatabaseError

    try:
        execute_from_command_line(sys.argv)
    except EmbeddedDatabaseError as error:
        # A damaged local database folder is a person's problem to fix, not a traceback.
        sys.exit(f"Error: {error}")


if __name__ == "__main__":
    main()
