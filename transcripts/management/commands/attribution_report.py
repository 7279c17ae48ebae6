import json as _json

from django.core.management.base import BaseCommand, CommandError

from transcripts.attribution.scoring import corpus_pages, score_page, total


class Command(BaseCommand):
    help = (
        "Import each <id>.page.txt of the folders with the real pipeline (nothing is saved) "
        "and score its speakers against <id>.gold.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="+", metavar="DIR")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args, directories, json: bool, **options):
        pairs = corpus_pages(directories)
        if not pairs:
            raise CommandError(
                "no <id>.page.txt with an <id>.gold.json beside it in " + ", ".join(directories)
            )
        scores, seconds = [], []
        for page, gold in pairs:
            score, took = score_page(page, gold)
            scores.append(score)
            seconds.append(took)
        overall = total(scores)
        average_right = sum(s.right_pct for s in scores) / len(scores)
        if json:
            self.stdout.write(
                _json.dumps(
                    {
                        "files": [
                            {**s.as_dict(), "import_ms": round(t * 1000)}
                            for s, t in zip(scores, seconds, strict=True)
                        ],
                        "total": overall.as_dict(),
                        "average_right_pct": round(average_right, 1),
                    },
                    indent=1,
                )
            )
            return
        header = (
            f"{'file':<34} {'words':>6} {'right%':>7} {'wrong%':>7} {'unnamed%':>8} "
            f"{'mixed%':>7} {'turns':>11} {'ms':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for score, took in zip([*scores, overall], [*seconds, sum(seconds)], strict=True):
            self.stdout.write(
                f"{score.name:<34} {score.words:>6} {score.right_pct:>7.1f} "
                f"{score.wrong_pct:>7.1f} {score.unnamed_pct:>8.1f} {score.mixed_pct:>7.1f} "
                f"{f'{score.turns_found}/{score.turns_gold}':>11} {took * 1000:>6.0f}"
            )
        self.stdout.write(f"average of files: {average_right:.1f}% of words right")
