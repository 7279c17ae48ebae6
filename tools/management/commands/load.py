import json
import shutil
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
# worst-case addresses; the normal pages' p95 is then printed beside the mix's.
RUNS = ("home", "list", "episode", "speaker", "search", "mix", "attack")
DEFAULT_RUNS = (*RUNS, "mix", "attack", "mix", "attack")  # three rounds of each, alternating


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
            default=1000,
            help="PUBLIC_RENDER_BUDGET_MS of the app server: rendering per address per "
            "PUBLIC_RENDER_WINDOW_S (10 s); 0 turns it off (default: %(default)s)",
        )
        parser.add_argument(
            "--attackers",
            type=int,
            default=2,
            help="users asking only for worst-case addresses in the attack run (default: 2)",
        )
        parser.add_argument(
            "--runs",
            default=",".join(DEFAULT_RUNS),
            help="page kinds to run one at a time, and/or 'mix' and 'attack'; a run named "
            "again runs again (mix,attack,mix,attack: the two alternate, so that a change "
            "in the machine's other work weighs on both alike) (default: %(default)s)",
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
                # One cache for the workers of this machine, as file:// gives in production.
                CACHE_URL=f"file://{work / 'page-cache'}",
            ),
            port=runner.free_port(),
            log_path=work / "gunicorn.log",
            workers=options["workers"],
        )
        self.stderr.write(f"starting gunicorn (collectstatic first); logs in {work}")
        rows = []
        with runner.running(server):
            workers = len(server.pids()["workers"])
            for run in runs:
                pages = runner.PAGE_KINDS if run in ("mix", "attack") else [run]
                attackers = options["attackers"] if run == "attack" else 0
                # Steady state, not a cold start: every address of the run asked for once.
                runner.visit_each_once(server, {kind: targets[kind] for kind in pages})
                self.stderr.write(
                    f"run {run}: {options['seconds']}s, {options['users']} users"
                    + (f" and {attackers} attackers" if attackers else "")
                )
                figures = runner.run_locust(
                    server.base_url,
                    targets_file=targets_file,
                    pages=pages,
                    users=options["users"],
                    attackers=attackers,
                    seconds=options["seconds"],
                    csv_prefix=work / run,
                    record=work / f"{run}-requests.csv",
                )
                rows += [(run, f) for f in figures if run in ("mix", "attack") or f.page == run]

        shutil.rmtree(work / "page-cache", ignore_errors=True)  # ~100 MB of pages
        self.stdout.write(
            f"Archive: {spec.episodes:,} episodes x {spec.segments:,} paragraphs "
            f"(+ one of {spec.long_episode_segments:,}) in {name}; gunicorn {workers} workers, "
            f"{options['users']} visitors, {options['seconds']}s per run, "
            f"page cache {options['page_cache_seconds']}s"
        )
        self.stdout.write(runner.format_figures(rows, TARGETS))
        if {"mix", "attack"} <= set(runs):
            self.stdout.write(
                f"\nNormal pages alone (mix, {runs.count('mix')} run(s)) and under attack "
                f"({runs.count('attack')} run(s): the mix's {options['users']} visitors plus "
                f"{options['attackers']} attackers):"
            )
            self.stdout.write(
                attack.side_by_side(
                    work / "mix-requests.csv",  # every mix run's requests, appended
                    work / "attack-requests.csv",
                    alone_seconds=runs.count("mix") * options["seconds"],
                    attacked_seconds=runs.count("attack") * options["seconds"],
                )
            )
        errors = sum(figure.failures for run, figure in rows if figure.page != "all")
        self.stdout.write(f"errors: {errors}")
        if options["json"]:
            report = {
                "archive": spec.__dict__,
                "workers": workers,
                "users": options["users"],
                "seconds": options["seconds"],
                "page_cache_seconds": options["page_cache_seconds"],
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
