"""The private PostgreSQL: shared between commands, stopped when unused, repaired or explained."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from forum_archive.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres
from tests.shared_files import REPO

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="DATABASE_URL is set: the embedded server is not used",
)

# A process that holds the server of a given data folder for a while and prints its pid.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from forum_archive.embedded_db import EmbeddedPostgres
    server = EmbeddedPostgres(sys.argv[1]).start()
    print(server.get_pid(), flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def hold_server(data_dir, seconds):
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), str(seconds)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def answers(database):
    with psycopg.connect(dbname="postgres", **database.connection_params()) as conn:
        return conn.execute("SELECT 1").fetchone() == (1,)


@pytest.fixture
def data_dir():
    # Not under pytest's tmp_path: when run as root the server runs as another user,
    # which must be able to enter every parent folder, and any pytest session starting
    # meanwhile (say, another checkout's) makes /tmp/pytest-of-<user> private again.
    # Short, too: a Unix socket path must stay under ~100 characters.
    folder = Path(tempfile.mkdtemp(prefix="forum-archive-pg-"))
    yield folder / "pg"
    shutil.rmtree(folder, ignore_errors=True)


def test_two_commands_at_once_share_one_server_which_stops_after_the_last(data_dir):
    first = hold_server(data_dir, 4)
    first_pid = first.stdout.readline().strip()
    second = hold_server(data_dir, 1)
    second_pid = second.stdout.readline().strip()
    assert first_pid and first_pid == second_pid

    second.wait(timeout=30)
    assert EmbeddedPostgres(data_dir).is_running(), "the server stopped while still in use"
    first.wait(timeout=30)
    deadline = time.monotonic() + 10
    while EmbeddedPostgres(data_dir).is_running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not EmbeddedPostgres(data_dir).is_running()


def test_the_test_run_and_a_management_command_share_the_checkout_server(django_db_blocker):
    from forum_archive.embedded_db import embedded_postgres

    with django_db_blocker.unblock():
        ours = embedded_postgres.start().get_pid()
    command = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from forum_archive.embedded_db import embedded_postgres as e; "
            "print(e.start().get_pid())",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout.strip().splitlines()[-1] == str(ours)
    assert embedded_postgres.is_running()


@pytest.mark.parametrize(
    "pid_file",
    [
        "{our_pid}\n",  # a live process that is not PostgreSQL (pid reused after a crash)
        "999999\n{data_dir}\n1700000000\n5432\n{data_dir}\n\n  0 0\nready\n",  # a dead process
        "garbage",  # a truncated file
    ],
)
def test_a_stale_pid_file_left_by_a_crash_is_replaced(data_dir, pid_file):
    holder = hold_server(data_dir, 0)  # initialise the folder, then let the server stop
    holder.stdout.readline()
    holder.wait(timeout=30)
    (data_dir / "postmaster.pid").write_text(
        pid_file.format(our_pid=os.getpid(), data_dir=data_dir)
    )

    database = EmbeddedPostgres(data_dir)
    try:
        assert answers(database)
    finally:
        database.start().cleanup()


def test_a_folder_that_is_not_a_database_is_refused_with_the_fix(data_dir):
    data_dir.mkdir()
    (data_dir / "notes.txt").write_text("not a database")
    with pytest.raises(EmbeddedDatabaseError, match=r"rm -rf .*pg"):
        EmbeddedPostgres(data_dir).start()


def test_a_data_folder_of_another_postgres_version_is_refused_with_the_fix(data_dir):
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("9\n")
    with pytest.raises(EmbeddedDatabaseError, match="PostgreSQL 9 database"):
        EmbeddedPostgres(data_dir).start()


def test_a_management_command_on_a_damaged_folder_says_what_to_do_not_a_traceback(data_dir):
    data_dir.mkdir()
    (data_dir / "junk").write_text("x")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**env, "EMBEDDED_PGDATA": str(data_dir)},
    )
    assert result.returncode == 1
    assert "is not a PostgreSQL data folder" in result.stderr
    assert f"rm -rf {data_dir}" in result.stderr
    assert "Traceback" not in result.stderr


def settings_in_mb(data_dir, *names):
    """SHOW's values ("1506MB", "12GB", "16384kB") in megabytes, of the running server.

    Connects through postmaster.pid, without a handle that would keep the server up.
    """
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir.resolve())
    units = {"kB": 1 / 1024, "MB": 1, "GB": 1024, "TB": 1024**2}
    with psycopg.connect(
        dbname="postgres", host=str(info.socket_dir), port=info.port, user="postgres"
    ) as conn:
        values = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in names}
    return {name: int(float(v[:-2]) * units[v[-2:]]) for name, v in values.items()}


def start_and_stop(data_dir):
    holder = hold_server(data_dir, 0)
    holder.stdout.readline()
    holder.wait(timeout=30)


def test_a_new_data_folder_gets_memory_settings_for_this_machine(data_dir):
    from forum_archive.embedded_db import memory_settings

    wanted = {name: int(value[:-2]) for name, value in memory_settings().items()}
    assert wanted["shared_buffers"] > 128  # more than initdb's default, on any CI machine
    first = hold_server(data_dir, 3)  # creates the folder
    first.stdout.readline()
    try:
        # At once, all but shared_buffers, which PostgreSQL reads only when it starts.
        reloadable = [name for name in wanted if name != "shared_buffers"]
        assert settings_in_mb(data_dir, *reloadable) == {name: wanted[name] for name in reloadable}
    finally:
        first.wait(timeout=30)
    second = hold_server(data_dir, 3)
    second.stdout.readline()
    try:
        assert settings_in_mb(data_dir, *wanted) == wanted
    finally:
        second.wait(timeout=30)


def test_an_existing_data_folder_gets_them_on_its_next_start(data_dir):
    from forum_archive.embedded_db import MEMORY_SETTINGS_FILE, memory_settings

    start_and_stop(data_dir)
    # As a folder made before the settings existed: initdb's files only.
    (data_dir / MEMORY_SETTINGS_FILE).unlink()
    conf = data_dir / "postgresql.conf"
    conf.write_text(conf.read_text().replace(f"include_if_exists = '{MEMORY_SETTINGS_FILE}'", ""))
    holder = hold_server(data_dir, 3)
    holder.stdout.readline()
    try:
        shared_buffers = settings_in_mb(data_dir, "shared_buffers")
        assert shared_buffers == {"shared_buffers": int(memory_settings()["shared_buffers"][:-2])}
    finally:
        holder.wait(timeout=30)
