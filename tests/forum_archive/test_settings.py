"""Settings read from the environment, with the exceptions the commands need."""

import subprocess
import sys

from tests.shared_files import REPO


def test_runserver_keeps_no_database_connection_between_requests():
    probe = "from django.conf import settings; print(settings.CONN_MAX_AGE)"
    results = {}
    for name in ("runserver", "shell"):
        code = (
            f"import os, sys; sys.argv = ['manage.py', '{name}']; "
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'forum_archive.settings'); "
            "import django; django.setup(); " + probe
        )
        env_run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "CONN_MAX_AGE": "60", "HOME": "/tmp"},
        )
        results[name] = env_run.stdout.strip().splitlines()[-1]
    assert results == {"runserver": "0", "shell": "60"}
