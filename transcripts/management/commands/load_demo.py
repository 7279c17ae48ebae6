from django.core.management.base import BaseCommand

from transcripts.demo import load_demo_archive


class Command(BaseCommand):
    help = "Load the small demo archive (safe to run again: it only adds what is missing)."

    def handle(self, *args, **options):
        created = load_demo_archive()
        if any(created.values()):
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(f"Demo archive loaded: {summary} created.")
        else:
            self.stdout.write("Demo archive already loaded: nothing changed.")
