"""gunicorn settings for production; gunicorn reads this file from the working folder.

    gunicorn forum_archive.wsgi

Before the workers start, the master collects the static files (hashed,
compressed names for whitenoise), unless COLLECTSTATIC_ON_START=0 says an
image build did it already. Migrations are a separate release step
(``manage.py migrate``), run once, not by every app server.

Every value can be changed from the environment (GUNICORN_*), so one image
serves every machine size. Pages spend much of their time waiting on
PostgreSQL, so the classic 2 x CPUs + 1 synchronous workers keep the CPUs busy
without queueing; each worker keeps one persistent database connection
(CONN_MAX_AGE), which is what to size PostgreSQL's max_connections by.
"""

import multiprocessing
import os


def _env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _env_int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A page that takes longer than this is killed and its worker replaced.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a load balancer that keeps connections open to the app servers.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Replace workers now and then, so that a slow leak never grows into an outage.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 500)
# The app logs one structured line per request itself (forum_archive.requests).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* from these addresses (the load balancer); comma-separated.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: it sits at one fixed path per user, so two app servers on one
# machine (or a load test beside a running one) would fight over it.
control_socket_disable = True
# Worker heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def on_starting(server):
    if os.environ.get("COLLECTSTATIC_ON_START", "1").strip() in {"0", "false", "no", "off"}:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_archive.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    server.log.info("static files collected")
