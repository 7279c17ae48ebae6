import argparse
import sys
import time
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from episodes.models import Episode
from transcripts.errors import TranscriptImportError
from transcripts.formats import FORMATS
from transcripts.services import import_transcript
from transcripts.services.paragraphs import search_index_for_batch


def transcript_files(paths):
    """Files named on the command line, and every file below named folders, in order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def _air_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-11-14") from None


class Command(BaseCommand):
    help = "Import transcript files (or folders of them) into the archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="transcript files or folders (searched recursively)"
        )
        parser.add_argument("--show", help="show name, for files that do not carry it")
        parser.add_argument(
            "--date",
            type=_air_date,
            help="air date (YYYY-MM-DD) of a new episode, for files that do not carry it",
        )
        parser.add_argument(
            "--title", help="title of a new episode, for files that do not carry it"
        )
        parser.add_argument(
            "--episode", help="episode id or YYYY-MM-DD/slug to attach the transcript to"
        )
        parser.add_argument(
            "--format", choices=FORMATS, help="skip detection and read as this format"
        )
        parser.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace an existing transcript (kept as an earlier version)",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="imported episodes are drafts (a replaced published episode too)",
        )

    def handle(self, *args, paths, episode, date, draft, dry_run, **options):
        if episode:
            try:
                episode = Episode.objects.by_reference(episode)
            except (ObjectDoesNotExist, ValidationError, ValueError) as error:
                raise CommandError(f"no episode {episode!r}") from error
        # What import_transcript is told, the same for every file (most options by its names).
        given = {name: options[name] for name in ("show", "title", "format", "replace")}
        given |= {"episode": episode, "air_date": date, "publish": not draft, "dry_run": dry_run}
        files = list(transcript_files(paths))
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")

        counts = {"imported": 0, "replaced": 0, "unchanged": 0}
        failures, near_misses = [], []
        paragraphs, started = 0, time.perf_counter()
        progress = tqdm(files, unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)
        # Several files: the search index is brought up to date once, after the last.
        batch = search_index_for_batch() if len(files) > 1 and not dry_run else nullcontext()
        with batch:
            for path in progress:
                progress.set_postfix_str(path.name)
                try:
                    result = import_transcript(path.read_bytes(), filename=str(path), **given)
                except TranscriptImportError as error:
                    failures.append(str(error))
                    continue
                except Exception as error:  # a bug must not stop the batch: report, go on
                    problem = f"{type(error).__name__}: {error}"
                    failures.append(f"{path}: could not be imported ({problem})")
                    continue
                counts[result.status] += 1
                near_misses += [f"{path.name}: {near_miss}" for near_miss in result.near_misses]
                if result.status != "unchanged":
                    paragraphs += result.segment_count
                # tqdm.write keeps the progress bar below the lines instead of breaking it.
                tqdm.write(
                    f"{result.status}: {path} -> {result.episode} "
                    f"({result.segment_count} segments, {result.transcript.timing} times)",
                    file=self.stdout,
                )
                if options["verbosity"] >= 2:
                    for warning in result.warnings:
                        tqdm.write(f"    {warning}", file=self.stdout)

        # Parsed, written, their search index merged and their words counted for spelling
        # suggestions (each file's transaction does that: migration transcripts/0008).
        seconds = time.perf_counter() - started
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(
            prefix
            + ", ".join(f"{label} {count}" for label, count in counts.items())
            + f", failed {len(failures)}"
        )
        for near_miss in near_misses:
            self.stdout.write(f"new speaker: {near_miss}")
        rate = paragraphs / seconds
        self.stdout.write(f"{paragraphs:,} paragraphs in {seconds:.1f}s ({rate:,.0f} paragraphs/s)")
        for failure in failures:
            self.stderr.write(f"failed: {failure}")
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) failed", returncode=1)
