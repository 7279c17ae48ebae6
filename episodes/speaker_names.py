"""Which speakers a name means: every name-to-speaker match of the archive is here.

Pure comparisons of two names (``normalize_name``, ``name_similarity``,
``is_same_full_name``: no database, no Django settings; attribution uses them
too), and the lookups in the catalogue, which use the trigram index on names and
their alternative spellings: ``SpeakerNameQuerySet``, mixed into
``Speaker.objects``. The models are looked up through the app registry, so this
module imports none.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest, Lower
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

# --- Pure: two names, one person? ---------------------------------------------------


@lru_cache(maxsize=4096)  # the same few names are compared again and again
def normalize_name(s: str) -> str:
    """Casefolded, accents stripped, punctuation and runs of spaces made one space."""
    decomposed = unicodedata.normalize("NFKD", s or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", without_accents.casefold()).split())


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, forgiving caption misspellings.

    Compared with and without spaces too, because captions split and join
    names ("El ny Kunaki" for "Elany Kunaki").
    """
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    spaced = ratio(na, nb) / 100
    joined = ratio(na.replace(" ", ""), nb.replace(" ", "")) / 100
    return max(spaced, joined)


# Besides the full stop: "Rosa M. Delgado" is "Rosa Delgado", "Dr. Rosa Delgado" too.
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "rev", "sir", "dame"}
# A last name of at least this many letters may differ by one typo ("Kounalakis",
# "Kounalakas"); shorter ones are too often other names ("Lee", "Leo").
_TYPO_MIN_LETTERS = 6


def _name_words(name):
    words = [w for w in normalize_name(name).split() if w not in _HONORIFICS]
    # Middle initials say nothing either way.
    return [w for position, w in enumerate(words) if len(w) > 1 or position in (0, len(words) - 1)]


def is_same_full_name(label, name):
    """True when two full names (first and last) are surely one person's: the same
    first name, and the same last name or one typo apart in a long one. Case, accents,
    punctuation, honorifics and middle initials aside."""
    ours, theirs = _name_words(label), _name_words(name)
    if len(ours) < 2 or len(theirs) < 2 or ours[0] != theirs[0]:
        return False
    last, other_last = ours[-1], theirs[-1]
    if last == other_last:
        return True
    return min(len(last), len(other_last)) >= _TYPO_MIN_LETTERS and (
        Levenshtein.distance(last, other_last) <= 1
    )


# --- In the catalogue ---------------------------------------------------------------

LOOK_ALIKES = 6  # existing speakers offered for a label, best first
# Trigrams find a wide pool cheaply (GIN index); name_similarity ranks it ("Elany
# Kunaki" is 0.2 alike in trigrams, 0.71 there).
POOL_LIKENESS, POOL_SIZE = 0.15, 50
LIKENESS = 0.4


def _model(name):
    return apps.get_model("episodes", name)


def _folded(expression):
    return Unaccent(Lower(expression))


# Speaker.objects.similar_to's score (similarity or word similarity of unaccented,
# lower-case text, over the name and its alternative spellings), on the few speakers a
# loose pass over the trigram index on lower(name) finds first; in SQL, since the ORM
# spends longer building that expression than PostgreSQL spends running it.
_SPEAKERS_NAMED_LIKE = """
WITH near AS (
    SELECT id AS speaker_id FROM {speaker} WHERE lower(name) %% lower(%(words)s)
    UNION
    SELECT speaker_id FROM {alias} WHERE lower(name) %% lower(%(words)s)
), spellings AS (
    SELECT s.id AS speaker_id, s.name FROM {speaker} s JOIN near ON near.speaker_id = s.id
    UNION ALL
    SELECT a.speaker_id, a.name FROM {alias} a JOIN near USING (speaker_id)
), scored AS (
    SELECT speaker_id, max(GREATEST(
        similarity(unaccent(lower(name)), unaccent(lower(%(words)s))),
        word_similarity(unaccent(lower(%(words)s)), unaccent(lower(name)))
    )) AS likeness
    FROM spellings GROUP BY speaker_id
)
SELECT s.* FROM {speaker} s JOIN scored ON scored.speaker_id = s.id
WHERE scored.likeness >= %(threshold)s
  AND EXISTS (
    SELECT 1 FROM {appearance} a JOIN {episode} e ON e.id = a.episode_id
    WHERE a.speaker_id = s.id AND e.is_published
  )
ORDER BY scored.likeness DESC, s.name
LIMIT %(limit)s
"""


@dataclass
class SpeakerMatch:
    speaker: "Speaker | None"  # noqa: F821 (episodes.models.Speaker)
    near_miss: "Speaker | None" = None  # noqa: F821


class SpeakerNameQuerySet(models.QuerySet):
    """Speakers by name: exact (case and accents aside), alike, or the one a label means."""

    def named(self, label):
        """Speakers named ``label`` (or so spelt as an alternative), ignoring case and accents."""
        folded = _folded(models.Value(label))
        return self.annotate(folded_name=_folded("name")).filter(
            Q(folded_name=folded)
            | Q(
                pk__in=_model("SpeakerAlias")
                .objects.annotate(folded=_folded("name"))
                .filter(folded=folded)
                .values("speaker")
            )
        )

    def with_likeness(self, label):
        """Annotate ``similarity``: how much the name or an alternative spelling resembles
        ``label`` (0..1).

        Trigram word similarity over unaccented, lower-cased text forgives case,
        accents and the misspellings captions make ("Kunaki" for "Kounalakis").
        """
        folded = _folded(models.Value(label))

        def score(field):
            return Greatest(
                TrigramSimilarity(_folded(field), folded),
                TrigramWordSimilarity(folded, _folded(field)),
            )

        alias_score = models.Subquery(
            _model("SpeakerAlias")
            .objects.filter(speaker=models.OuterRef("pk"))
            .annotate(score=score("name"))
            .order_by("-score")
            .values("score")[:1]
        )
        return self.annotate(similarity=Greatest(score("name"), Coalesce(alias_score, 0.0)))

    def similar_to(self, label, *, threshold=0.3):
        """Speakers whose name or an alternative spelling resembles ``label``, best first."""
        return (
            self.with_likeness(label)
            .filter(similarity__gte=threshold)
            .order_by("-similarity", "name")
        )

    def named_like(self, words, *, limit=3):
        """The few speakers heard in a published episode whose name (or an alternative
        spelling) resembles the words: the search page's "Looking for a person?".

        Scoring every speaker as similar_to does costs ~20 µs a row on every search;
        the index pass (its threshold lowered to 0.1, so names whose accents the
        reader left out still pass) leaves a handful to score.
        """
        sql = _SPEAKERS_NAMED_LIKE.format(
            speaker=self.model._meta.db_table,
            alias=_model("SpeakerAlias")._meta.db_table,
            appearance=_model("Appearance")._meta.db_table,
            episode=_model("Episode")._meta.db_table,
        )
        # Chosen before the transaction: inside one on the primary, every read goes there.
        database = router.db_for_read(self.model)
        with transaction.atomic(using=database), connections[database].cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = 0.1")
            params = {"words": words, "threshold": 0.45, "limit": limit}
            return list(self.model.objects.db_manager(database).raw(sql, params))

    def matching_name(self, text):
        """Speakers whose name contains ``text`` or resembles it, best match first."""
        return (
            self.with_likeness(text)
            .filter(Q(name__unaccent__icontains=text) | Q(similarity__gte=0.2))
            .order_by("-similarity", "name")
        )

    def match_label(self, label, *, episode=None, role=""):
        """The existing speaker a source label most likely means, or None for a new one:
        a proposal for staff to accept or change in the admin preview, so a look-alike
        ("Jon Smith" for "John Smith") is offered. Imports without a person to check
        use ``same_person``.

        Callers are private people who share first names: a caller label only
        matches a speaker already in this episode (a re-import), never by likeness.
        """
        if role == "caller":
            if episode is None:
                return None
            return self.named(label).filter(appearances__episode=episode).first()
        return self.named(label).first() or self.similar_to(label, threshold=0.5).first()

    def same_person(self, label, *, episode=None, role=""):
        """A SpeakerMatch for a label nobody will check (the command line): the speaker
        only on the exact name or a recorded alternative spelling (case and accents
        aside), or a strong match on the full name (``is_same_full_name``); otherwise
        None, with the closest look-alike as ``near_miss`` for the summary.

        A shared surname is not enough: "John Smith", "Joan Smith" and "Jon Smith"
        are three people until staff merge them.
        """
        if role == "caller":
            return SpeakerMatch(self.match_label(label, episode=episode, role=role))
        exact = self.named(label).first()
        if exact is not None:
            return SpeakerMatch(exact)
        look_alikes = list(self.similar_to(label, threshold=0.5).prefetch_related("aliases")[:5])
        for speaker in look_alikes:
            spellings = [speaker.name, *(alias.name for alias in speaker.aliases.all())]
            if any(is_same_full_name(label, spelling) for spelling in spellings):
                return SpeakerMatch(speaker)
        return SpeakerMatch(None, near_miss=look_alikes[0] if look_alikes else None)

    def look_alikes(self, name, *, exclude=None, limit=LOOK_ALIKES):
        """Speakers whose name (or a spelling of it) looks like ``name``, best first: the
        choices staff are offered for a label, or to merge a speaker with."""
        pool = self.similar_to(name, threshold=POOL_LIKENESS)
        if exclude is not None:
            pool = pool.exclude(pk=exclude.pk)
        scored = [
            (max(speaker.similarity, name_similarity(name, speaker.name)), speaker)
            for speaker in pool[:POOL_SIZE]
        ]
        scored = [(score, s) for score, s in scored if score >= LIKENESS]
        return [s for _, s in sorted(scored, key=lambda pair: (-pair[0], pair[1].name))][:limit]
