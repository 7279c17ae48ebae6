from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError

from episodes.models import Episode
from transcripts.exporters import EXPORT_FORMATS, export_transcript


class Command(BaseCommand):
    help = "Write an episode's current transcript as WebVTT, SRT, JSON, HTML or plain text."

    def add_arguments(self, parser):
        parser.add_argument("episode", help="episode id or YYYY-MM-DD/slug")
        parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, episode, format, output, **options):
        try:
            episode = Episode.objects.by_reference(episode)
        except (ObjectDoesNotExist, ValidationError, ValueError) as error:
            raise CommandError(f"no episode {episode!r}") from error
        transcript = episode.transcripts.current().first()
        if transcript is None:
            raise CommandError(f"{episode} has no transcript")
        text = export_transcript(transcript, format)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"wrote {output}")
        else:
            self.stdout.write(text, ending="")
