import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tools import bench, bench_peer
from tools.bench_archive import ArchiveSpec, _spec_json, archive_holds, build_archive


class Command(BaseCommand):
    help = (
        "Build (or reuse) a synthetic archive in its own database and print search, page "
        "and ingest timings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--episodes", type=int, default=2000, help="default: 2000")
        parser.add_argument(
            "--segments", type=int, default=500, help="paragraphs per episode (default: 500)"
        )
        parser.add_argument(
            "--long-episode-segments",
            type=int,
            default=2000,
            help="paragraphs of the one long episode whose page is timed (default: 2000)",
        )
        parser.add_argument(
            "--ingest-segments",
            type=int,
            default=5000,
            help="paragraphs in the file imported to time ingest (default: 5000)",
        )
        parser.add_argument(
            "--repeat", type=int, default=30, help="timed runs per case (default: 30)"
        )
        parser.add_argument(
            "--database",
            default="forum_archive_bench",
            help="database to build the archive in, on the same server (default: %(default)s)",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="build the archive even if it is there"
        )
        parser.add_argument(
            "--peer",
            action="store_true",
            help="also copy the paragraphs into SQLite FTS5 (--peer-file, reused) and print "
            "each search case as our page, its SQL replayed and the FTS5 query",
        )
        parser.add_argument(
            "--peer-file",
            type=Path,
            default=bench_peer.PEER_FILE,
            help="the peer's SQLite file (default: var/bench-peer.sqlite3)",
        )
        parser.add_argument(
            "--only",
            choices=["ingest", "build"],
            help="only this part: ingest (the import lines, draft and published) or build (the "
            "archive, rebuilt, and its paragraphs/s; nothing measured after)",
        )
        parser.add_argument(
            "--ingest-repeat",
            type=int,
            default=3,
            help="imports timed per ingest line (default: 3)",
        )
        parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")

    def handle(self, *args, **options):
        spec = ArchiveSpec(
            episodes=options["episodes"],
            segments=options["segments"],
            long_episode_segments=options["long_episode_segments"],
        )
        sizes = (spec.episodes, spec.segments, spec.long_episode_segments)
        if min(*sizes, options["repeat"], options["ingest_repeat"]) < 1:
            raise CommandError("sizes and --repeat must be at least 1")
        with bench.using_database(options["database"]):
            rebuild = options["rebuild"] or options["only"] == "build"
            self._prepare_archive(spec, rebuild=rebuild, database=options["database"])
            if options["only"] == "build":
                return
            self.stderr.write("measuring...")
            load_before = os.getloadavg()[0]
            timings = []
            if options["only"] != "ingest":
                timings += bench.measure_search(repeat=options["repeat"])
                timings += bench.measure_pages(repeat=options["repeat"])
            for published in (False, True):
                timings.append(
                    bench.measure_ingest(
                        segments=options["ingest_segments"],
                        repeat=options["ingest_repeat"],
                        published=published,
                    )
                )
            peer_rows = []
            if options["peer"] and options["only"] != "ingest":
                peer_rows = self._measure_peer(spec, options["peer_file"], repeat=options["repeat"])
        self.stdout.write(
            f"Archive: {spec.episodes:,} episodes x {spec.segments:,} paragraphs "
            f"+ one of {spec.long_episode_segments:,} = {spec.total_segments:,} paragraphs "
            f"(database {options['database']})"
        )
        self.stdout.write(format_table(timings))
        if peer_rows:
            self.stdout.write("\nSearch against a peer (ms, p50, rounds interleaved):")
            self.stdout.write(bench_peer.format_peer_table(peer_rows))
        # Other processes on the machine slow every figure: say how busy it was.
        load = (load_before, os.getloadavg()[0])
        self.stdout.write(
            f"Load average (1 min) before/after: {load[0]:.2f} / {load[1]:.2f} "
            f"on {os.cpu_count()} CPUs"
        )
        if options["json"]:
            report = {
                "archive": spec.__dict__,
                "load_average": load,
                "timings": [t.as_dict() for t in timings],
                "peer": [row.__dict__ for row in peer_rows],
            }
            Path(options["json"]).write_text(json.dumps(report, indent=2) + "\n")
            self.stderr.write(f"wrote {options['json']}")

    def _measure_peer(self, spec, path, *, repeat):
        self.stderr.write(f"copying the paragraphs into SQLite FTS5 ({path})...")
        paragraphs, seconds = bench_peer.build_peer(_spec_json(spec), path=path)
        if seconds:
            self.stderr.write(f"  copied {paragraphs:,} paragraphs in {seconds:.0f}s")
        with bench.production_like_client() as client:
            return bench_peer.measure_peer(bench.query_mix(), client, repeat=repeat, path=path)

    def _prepare_archive(self, spec, *, rebuild, database):
        if not rebuild and archive_holds(spec):
            self.stderr.write(f"reusing the archive in {database}")
            return
        self.stderr.write(f"building {spec.total_segments:,} paragraphs in {database}...")
        load_before = os.getloadavg()[0]
        with tqdm(
            total=spec.total_segments,
            unit="paragraph",
            unit_scale=True,
            disable=not self.stderr.isatty(),
        ) as bar:
            seconds = build_archive(spec, progress=lambda done, total: bar.update(done - bar.n))
        self.stderr.write(
            f"built in {seconds['total']:.0f}s: {spec.total_segments / seconds['total']:,.0f} "
            f"paragraphs/s ("
            + ", ".join(f"{step} {s:.0f}s" for step, s in seconds.items() if step != "total")
            + f"; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)"
        )


def format_table(timings):
    header = ("case", "measured", "p50 ms", "p95 ms", "CPU p50 ms", "templates", "target")
    rows = [header]
    for timing in timings:
        if timing.value is not None:
            p50, p95 = f"{timing.value:,.0f}/s", ""
        else:
            p50, p95 = f"{timing.p50:.1f}", f"{timing.p95:.1f}"
        cpu = templates = ""
        if timing.cpu_samples_ms:
            cpu = f"{timing.cpu_p50:.1f}"
        if timing.template_cpu_samples_ms:
            # Medians of each, so the share is approximate; it says where a page's CPU goes.
            templates = (
                f"{timing.template_cpu_p50:.1f} ({timing.template_cpu_p50 / timing.cpu_p50:.0%})"
            )
        rows.append((timing.case, timing.kind, p50, p95, cpu, templates, timing.target))
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(width) if column < 2 else cell.rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [f"{t.case}: {t.note}" for t in timings if t.note]
    return "\n".join(lines + notes)
