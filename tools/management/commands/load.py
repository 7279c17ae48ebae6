import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tools import bench
from tools.bench_archive import ArchiveSpec, archive_holds, build_archive
from tools.loadtest import attack, runner

# What this machine must sustain, in requests per second, page kind alone.
TARGETS = {"episode": ">=200/s", "list": ">=200/s", "search": ">=100/s"}
# "attack": the mix's visitors again, with --attackers more users asking only for
# worst-case addresses; "control": the same number of users more, ordinary visitors.
# The normal pages' p95 of each is printed beside the mix's (tools/loadtest/attack.py).
SINGLE_RUNS = ("home", "list", "episode", "speaker", "search")
RUNS = (*SINGLE_RUNS, *attack.COMPARED)
# Three rounds of mix, control and attack, alternating: the machine's other work
# weighs on each alike, and the mix runs' spread shows the noise.
DEFAULT_RUNS = (*SINGLE_RUNS, *attack.COMPARED * 3)


def render_budget_ms(chosen, page_cache_seconds):
    """The app server's rendering budget per address: the one asked for, else 250 ms,
    what a well-made deployment sets (README, production settings): two or three fresh
    searches at once per address, while two attackers can hold no more than 5% of one
    worker's time between them. Without the page cache every page is a fresh one, so a
    visitor that never pauses would owe the budget within a second and the run would
    measure refusals, not rendering: off then."""
    if chosen is not None:
        return chosen
    return 250 if page_cache_seconds else 0


class Command(BaseCommand):
    help = (
        "Load test: gunicorn (production settings) on 127.0.0.1 against the benchmark's "
        "synthetic archive, driven by locust from another process for a bounded time; prints "
        "requests per second, p50/p95/p99 and errors per page kind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default="forum_archive_bench",
            help="database of the synthetic archive, shared with `bench` (default: %(default)s)",
        )
        parser.add_argument("--episodes", type=int, default=ArchiveSpec.episodes)
        parser.add_argument("--segments", type=int, default=ArchiveSpec.segments)
        parser.add_argument(
            "--long-episode-segments", type=int, default=ArchiveSpec.long_episode_segments
        )
        parser.add_argument("--rebuild", action="store_true", help="build the archive afresh")
        parser.add_argument(
            "--seconds", type=int, default=20, help="length of each run (default: 20)"
        )
        parser.add_argument(
            "--users", type=int, default=16, help="concurrent visitors (default: 16)"
        )
        parser.add_argument(
            "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)"
        )
        parser.add_argument(
            "--render-budget-ms",
            type=int,
            help="PUBLIC_RENDER_BUDGET_MS of the app server: rendering per address per "
            "--render-window-s; 0 turns it off (default: 250, or 0 with --page-cache-seconds "
            "0)",
        )
        parser.add_argument(
            "--render-window-s",
            type=int,
            default=10,
            help="PUBLIC_RENDER_WINDOW_S of the app server (default: %(default)s)",
        )
        parser.add_argument(
            "--attackers",
            type=int,
            default=2,
            help="users asking only for worst-case addresses in the attack run, and ordinary "
            "visitors added in the control run (default: 2)",
        )
        parser.add_argument(
            "--runs",
            default=",".join(DEFAULT_RUNS),
            help="page kinds to run one at a time, and/or 'mix', 'control' and 'attack'; a "
            "run named again runs again (mix,control,attack,mix,control,attack: they "
            "alternate, so that a change in the machine's other work weighs on each alike) "
            "(default: %(default)s)",
        )
        parser.add_argument(
            "--page-cache-seconds",
            type=int,
            default=300,
            help="PAGE_CACHE_SECONDS of the app server; 0 measures rendering every page "
            "(default: %(default)s, as in production)",
        )
        parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")

    def handle(self, *args, **options):
        options["render_budget_ms"] = render_budget_ms(
            options["render_budget_ms"], options["page_cache_seconds"]
        )
        runs = [run for run in options["runs"].split(",") if run]
        unknown = set(runs) - set(RUNS)
        if unknown:
            raise CommandError(f"unknown runs {sorted(unknown)}; choose from {', '.join(RUNS)}")
        if not 1 <= options["seconds"] <= 600 or not 1 <= options["users"] <= 200:
            raise CommandError("--seconds must be 1..600 and --users 1..200")
        spec = ArchiveSpec(
            episodes=options["episodes"],
            segments=options["segments"],
            long_episode_segments=options["long_episode_segments"],
        )
        name = options["database"]
        with bench.using_database(name):
            self._prepare_archive(spec, rebuild=options["rebuild"], database=name)
            targets = runner.collect_targets()
            url = runner.database_url(connection.get_connection_params(), name)

        work = Path(tempfile.mkdtemp(prefix="forum-archive-load-"))
        targets_file = runner.write_targets(targets, work / "targets.json")
        server = runner.Gunicorn(
            runner.production_env(
                url,
                LOG_LEVEL="WARNING",
                PAGE_CACHE_SECONDS=options["page_cache_seconds"],
                # Behind a load balancer: each visitor's address comes in X-Forwarded-For,
                # and each address has a rendering budget (forum_archive/render_budget.py).
                TRUSTED_PROXY_COUNT=1,
                PUBLIC_RENDER_BUDGET_MS=options["render_budget_ms"],
                PUBLIC_RENDER_WINDOW_S=options["render_window_s"],
                # One cache for the workers of this machine, as file:// gives in production.
                CACHE_URL=f"file://{work / 'page-cache'}",
            ),
            port=runner.free_port(),
            log_path=work / "gunicorn.log",
            workers=options["workers"],
        )
        self.stderr.write(f"starting gunicorn (collectstatic first); logs in {work}")
        rows, compared = [], []
        uptime_before = _uptime()
        with runner.running(server):
            workers = len(server.pids()["workers"])
            for number, run in enumerate(runs, 1):
                pages = runner.PAGE_KINDS if run in attack.COMPARED else [run]
                users = options["users"] + (options["attackers"] if run == "control" else 0)
                attackers = options["attackers"] if run == "attack" else 0
                # Steady state, not a cold start: every address of the run asked for once.
                runner.visit_each_once(server, {kind: targets[kind] for kind in pages})
                visitors = f"{users} users" + (f" + {attackers} attackers" if attackers else "")
                self.stderr.write(f"run {number} {run}: {options['seconds']}s, {visitors}")
                record = work / f"{number:02d}-{run}-requests.csv"
                load_before = os.getloadavg()[0]
                figures = runner.run_locust(
                    server.base_url,
                    targets_file=targets_file,
                    pages=pages,
                    users=users,
                    attackers=attackers,
                    seconds=options["seconds"],
                    csv_prefix=work / f"{number:02d}-{run}",
                    record=record,
                )
                rows += [(run, f) for f in figures if run in attack.COMPARED or f.page == run]
                if run in attack.COMPARED:
                    compared.append(
                        attack.Run(
                            number=number,
                            name=run,
                            record=record,
                            seconds=options["seconds"],
                            visitors=visitors,
                            load_before=load_before,
                            load_after=os.getloadavg()[0],
                        )
                    )

        shutil.rmtree(work / "page-cache", ignore_errors=True)  # ~100 MB of pages
        self.stdout.write(
            f"Archive: {spec.episodes:,} episodes x {spec.segments:,} paragraphs "
            f"(+ one of {spec.long_episode_segments:,}) in {name}; gunicorn {workers} workers, "
            f"{options['users']} visitors, {options['seconds']}s per run, "
            f"page cache {options['page_cache_seconds']}s, rendering budget "
            f"{options['render_budget_ms']} ms per {options['render_window_s']} s per address"
        )
        self.stdout.write(f"uptime before: {uptime_before}\nuptime after:  {_uptime()}")
        self.stdout.write(runner.format_figures(rows, TARGETS))
        if compared:
            self.stdout.write(
                "\nNormal pages run by run (mix: the visitors alone; control: "
                f"{options['attackers']} ordinary visitors more; attack: {options['attackers']} "
                "attackers more, asking only for worst-case addresses):"
            )
            self.stdout.write(attack.run_by_run(compared))
            self.stdout.write(attack.comparison(compared))
        errors = sum(figure.failures for run, figure in rows if figure.page != "all")
        self.stdout.write(f"errors: {errors}")
        if options["json"]:
            report = {
                "archive": spec.__dict__,
                "workers": workers,
                "users": options["users"],
                "seconds": options["seconds"],
                "page_cache_seconds": options["page_cache_seconds"],
                "uptime": [uptime_before, _uptime()],
                "normal_p95_by_run": [
                    {"run": run.name, "p95_ms": run.normal_p95(), "load_average": run.load_before}
                    for run in compared
                ],
                "runs": [{"run": run, **figure.as_dict()} for run, figure in rows],
            }
            Path(options["json"]).write_text(json.dumps(report, indent=2) + "\n")
        if errors:
            raise CommandError(f"{errors} request(s) failed; see {work}")

    def _prepare_archive(self, spec, *, rebuild, database):
        if not rebuild and archive_holds(spec):
            self.stderr.write(f"reusing the archive in {database}")
            return
        self.stderr.write(f"building {spec.total_segments:,} paragraphs in {database}...")
        build_archive(spec)


def _uptime():
    """What `uptime` says: the machine's other work weighs on every figure."""
    try:
        # In UTC: Django sets TZ to TIME_ZONE in this process.
        return subprocess.run(
            ["uptime"], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}
        ).stdout.strip()
    except OSError:
        return "load average: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())
