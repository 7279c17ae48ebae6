import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum_archive.local_postgres import LocalPostgres, make_root, remove_root
from tools import faults
from tools.bench_archive import ArchiveSpec, build_archive
from tools.loadtest import runner

DATABASE = "forum_archive_faults"


class Command(BaseCommand):
    help = (
        "Fault drills on a throwaway PostgreSQL (never the archive's own): stop and restart "
        "it while gunicorn serves a load, then kill an import half-way; prints what visitors "
        "got and what was left, and exits non-zero if anything was wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("--before", type=int, default=8, help="seconds of load before")
        parser.add_argument("--outage", type=int, default=6, help="seconds PostgreSQL is down")
        parser.add_argument("--after", type=int, default=8, help="seconds of load after")
        parser.add_argument("--users", type=int, default=8, help="concurrent visitors")
        parser.add_argument(
            "--import-paragraphs",
            type=int,
            default=20000,
            help="size of the import that is killed (default: %(default)s)",
        )
        parser.add_argument("--skip-outage", action="store_true")
        parser.add_argument("--skip-import", action="store_true")

    def handle(self, *args, **options):
        if max(options["before"], options["outage"], options["after"]) > 120:
            raise CommandError("keep each phase at 120 seconds or less")
        root = make_root()
        server = None
        try:
            self.stderr.write(f"starting a throwaway PostgreSQL in {root}")
            server = LocalPostgres.create_primary(root)
            server.create_database(DATABASE)
            with faults.django_pointed_at(server, DATABASE):
                self.stderr.write("building a small synthetic archive...")
                build_archive(ArchiveSpec(episodes=300, segments=60, long_episode_segments=300))
                targets = runner.collect_targets()
            verdicts = []
            if not options["skip_outage"]:
                verdicts += self._outage_drill(server, targets, root, options)
            if not options["skip_import"]:
                verdicts += self._import_drill(server, root, options)
        finally:
            if server is not None and server.is_running():
                server.stop("immediate")
            remove_root(root)
        self.stdout.write("")
        for claim, held in verdicts:
            self.stdout.write(f"{'PASS' if held else 'FAIL'}  {claim}")
        if not all(held for _, held in verdicts):
            raise CommandError("a fault drill did not go as it must")

    def _outage_drill(self, server, targets, root, options):
        work = Path(tempfile.mkdtemp(prefix="load-", dir=root))
        targets_file = runner.write_targets(targets, work / "targets.json")
        record = work / "requests.csv"
        # The page cache off: every request needs the database, which is what is drilled.
        env = runner.production_env(server.url(DATABASE), LOG_LEVEL="WARNING", PAGE_CACHE_SECONDS=0)
        env["STATIC_ROOT"] = str(work / "static")
        gunicorn = runner.Gunicorn(env, port=runner.free_port(), log_path=work / "gunicorn.log")
        self.stderr.write("starting gunicorn (it collects the static files first)...")
        with runner.running(gunicorn):
            pids_before = gunicorn.pids()
            seconds = options["before"] + options["outage"] + options["after"]
            locust = runner.start_locust(
                gunicorn.base_url,
                targets_file=targets_file,
                pages=runner.PAGE_KINDS,
                users=options["users"],
                seconds=seconds,
                csv_prefix=work / "outage",
                record=record,
            )
            time.sleep(options["before"])
            self.stderr.write(f"stopping PostgreSQL for {options['outage']}s (pg_ctl -m fast)")
            outage = self._stop_and_start(server, options["outage"])
            locust.wait(timeout=seconds + 60)
            pids_after = gunicorn.pids()
        windows = faults.split_by_outage(faults.read_requests(record), outage)
        self._print_windows(windows, outage)
        return faults.outage_verdicts(windows, pids_before, pids_after)

    @staticmethod
    def _stop_and_start(server, seconds):
        stop_began = time.time()
        server.stop("fast")
        stopped = time.time()
        time.sleep(seconds)
        start_began = time.time()
        server.start()
        started = time.time()
        return faults.Outage(stop_began, stopped, start_began, started)

    def _print_windows(self, windows, outage):
        self.stdout.write(
            f"PostgreSQL stopped in {outage.stopped - outage.stop_began:.2f}s, down for "
            f"{outage.start_began - outage.stopped:.1f}s, started in "
            f"{outage.started - outage.start_began:.2f}s"
        )
        self.stdout.write(f"{'requests':<34} {'count':>6}  {'p50 ms':>7}  statuses")
        labels = {
            "before": "before the outage",
            "during": "during the outage",
            "after": "after the restart",
            "across": "across a stop or a start",
        }
        for name, label in labels.items():
            window = windows[name]
            self.stdout.write(
                f"{label:<34} {len(window.requests):>6}  {window.p50_ms():>7.1f}  "
                f"{window.statuses()}"
            )

    def _import_drill(self, server, root, options):
        self.stderr.write(f"importing {options['import_paragraphs']:,} paragraphs, to kill it...")
        result = faults.kill_import_halfway(
            server, DATABASE, paragraphs=options["import_paragraphs"], workdir=root
        )
        self.stdout.write(
            f"import killed (SIGKILL) after {result.killed_after_s}s, in the middle of the COPY "
            f"of its paragraphs ({result.paragraphs_copied_when_killed:,} of "
            f"{options['import_paragraphs']:,} in); left behind: "
            f"{result.episodes_left} episode(s), {result.transcripts_left} transcript(s), "
            f"{result.segments_after - result.segments_before} paragraph(s); the same file "
            f"imported again: exit {result.reimport_exit_code}, "
            f"{result.reimported_segments:,} paragraphs"
        )
        return [
            ("the import was killed while inserting its paragraphs", result.inserting_when_killed),
            ("no partial transcript remained after the kill", result.nothing_partial_remains),
            (
                "the same file imported cleanly afterwards",
                result.reimport_exit_code == 0 and result.reimported_segments > 0,
            ),
        ]
