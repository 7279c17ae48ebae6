from django.core.management.base import BaseCommand

from transcripts.search import SEARCH_WORDS, refresh_search_words


class Command(BaseCommand):
    help = "Gather the words of published transcripts that search's spelling suggestions use."

    def handle(self, *args, **options):
        refresh_search_words()
        self.stdout.write(f"refreshed {SEARCH_WORDS}")
