import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils.text import slugify
from rapidfuzz.distance import Levenshtein

from episodes.names import tidy_name

# A path on this site: "/" and then plain path characters, no "//" anywhere and no
# backslash ("/\\evil.example/a.mp3" is another host to a browser), no ".." segment.
_LOCAL_MEDIA_PATH = re.compile(r"/(?!/)[A-Za-z0-9._~%/-]*")


def validate_media_url(value):
    """A full http(s) URL, or a clean path on this site."""
    if value.startswith("/"):
        if _LOCAL_MEDIA_PATH.fullmatch(value) and "//" not in value and "/../" not in value + "/":
            return
        raise ValidationError(
            "Enter a path on this site such as /media/demo/clip.wav (letters, digits and "
            "./_~-% only), or a full http(s) URL."
        )
    URLValidator(schemes=["http", "https"])(value)


class TidyNames:
    """Model mixin: the fields in ``tidied`` lose invisible characters in clean() (every
    admin form), as names and titles from files do, and must keep some text."""

    tidied = ("name",)

    def clean(self):
        super().clean()
        for field in self.tidied:
            value = tidy_name(getattr(self, field))
            if not value:
                raise ValidationError({field: "Enter some visible text."})
            setattr(self, field, value)


def unique_slug(model, text, *, scope=None, exclude_pk=None, max_length=200, reserved=()):
    """A readable slug from ``text``, suffixed -2, -3... until unique within ``scope``.

    ``reserved`` slugs count as taken too (old addresses that still redirect).
    """
    base = slugify(text)[: max_length - 8].strip("-") or "untitled"
    rows = model.objects.filter(**(scope or {}))
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    taken = set(rows.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.update(slug for slug in reserved if slug.startswith(base))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class ShowQuerySet(models.QuerySet):
    def public(self):
        """Shows with at least one published episode: the only ones any public page names."""
        return self.filter(pk__in=Episode.objects.published().values("show"))

    def with_episode_counts(self):
        return self.annotate(
            episode_total=models.Count("episodes", filter=Q(episodes__is_published=True))
        )


class Show(TidyNames, models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    station = models.CharField("station or network", max_length=200, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Show, self.name)
        super().save(*args, **kwargs)


class TopicQuerySet(models.QuerySet):
    def public(self):
        """Topics of at least one published episode: the only ones any public page names."""
        return self.filter(
            pk__in=Episode.topics.through.objects.filter(episode__is_published=True).values("topic")
        )


class Topic(TidyNames, models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name, max_length=120)
        super().save(*args, **kwargs)


def _folded(expression):
    from django.contrib.postgres.lookups import Unaccent

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


class SpeakerQuerySet(models.QuerySet):
    def named(self, label):
        """Speakers named ``label`` (or so spelt as an alternative), ignoring case and accents."""
        folded = _folded(models.Value(label))
        return self.annotate(folded_name=_folded("name")).filter(
            Q(folded_name=folded)
            | Q(
                pk__in=SpeakerAlias.objects.annotate(folded=_folded("name"))
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
            SpeakerAlias.objects.filter(speaker=models.OuterRef("pk"))
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
            speaker=Speaker._meta.db_table,
            alias=SpeakerAlias._meta.db_table,
            appearance=Appearance._meta.db_table,
            episode=Episode._meta.db_table,
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = 0.1")
            return list(
                Speaker.objects.raw(sql, {"words": words, "threshold": 0.45, "limit": limit})
            )

    def with_appearance_counts(self):
        return self.annotate(
            appearance_total=models.Count(
                "appearances", filter=Q(appearances__episode__is_published=True)
            )
        )

    def matching_name(self, text):
        """Speakers whose name contains ``text`` or resembles it, best match first."""
        return (
            self.with_likeness(text)
            .filter(Q(name__unaccent__icontains=text) | Q(similarity__gte=0.2))
            .order_by("-similarity", "name")
        )

    def heard_in_public(self):
        """Speakers of at least one published episode: the only ones with a public page."""
        return self.filter(
            pk__in=Appearance.objects.filter(episode__is_published=True).values("speaker")
        )

    def most_heard(self):
        """Speakers by how many published episodes they appear in."""
        return (
            self.annotate(
                appearance_total=models.Count(
                    "appearances", filter=Q(appearances__episode__is_published=True)
                )
            )
            .filter(appearance_total__gt=0)
            .order_by("-appearance_total", "name")
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


@dataclass
class SpeakerMatch:
    speaker: "Speaker | None"
    near_miss: "Speaker | None" = None


# Besides the full stop: "Rosa M. Delgado" is "Rosa Delgado", "Dr. Rosa Delgado" too.
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "rev", "sir", "dame"}
# A last name of at least this many letters may differ by one typo ("Kounalakis",
# "Kounalakas"); shorter ones are too often other names ("Lee", "Leo").
_TYPO_MIN_LETTERS = 6


def _name_words(name):
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    words = [w for w in letters.split() if w not in _HONORIFICS]
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


class Speaker(TidyNames, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    honorific = models.CharField("honorific or title", max_length=100, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    bio = models.TextField("short bio", blank=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(OpClass(Lower("name"), name="gin_trgm_ops"), name="speaker_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            old_addresses = SpeakerSlugRedirect.objects.values_list("old_slug", flat=True)
            self.slug = unique_slug(Speaker, self.name, reserved=old_addresses)
        super().save(*args, **kwargs)


class SpeakerAlias(TidyNames, models.Model):
    """Another spelling of a speaker's name, as captions or sources write it."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name = "alternative spelling"
        constraints = [
            models.UniqueConstraint(Lower("name"), "speaker", name="speaker_alias_unique"),
        ]

    def __str__(self):
        return self.name


def has_current_transcript():
    """SQL: the episode row in hand has a current transcript. (The Transcript model is
    reached through the reverse relation: the catalogue never imports the transcripts app.)"""
    Transcript = Episode._meta.get_field("transcripts").related_model
    return models.Exists(Transcript.objects.filter(episode=models.OuterRef("pk"), is_current=True))


class EpisodeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        return self.select_related("show").prefetch_related("topics")

    def with_current_transcript_flag(self):
        return self.annotate(has_transcript=has_current_transcript())

    def by_reference(self, reference):
        """The episode a person names on the command line: its id, YYYY-MM-DD/slug, or slug."""
        reference = str(reference).strip().strip("/")
        if reference.isdigit():
            return self.get(pk=int(reference))
        if "/" in reference:
            day, slug = reference.rsplit("/", 1)
            return self.get(air_date=day.replace("/", "-"), slug=slug)
        return self.get(slug=reference)


class Episode(TidyNames, models.Model):
    show = models.ForeignKey(Show, on_delete=models.PROTECT, related_name="episodes")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    air_date = models.DateField()
    duration_s = models.PositiveIntegerField("duration (seconds)", null=True, blank=True)
    summary = models.CharField("short summary", max_length=500, blank=True)
    description = models.TextField("long description", blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    media_url = models.CharField(
        "media URL (audio or video)",
        max_length=500,
        blank=True,
        validators=[validate_media_url],
        help_text="A full http(s) URL, or a path on this site such as /media/demo/clip.wav.",
    )
    topics = models.ManyToManyField(Topic, related_name="episodes", blank=True)
    speakers = models.ManyToManyField(Speaker, through="Appearance", related_name="episodes")
    is_published = models.BooleanField("published", default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EpisodeQuerySet.as_manager()
    tidied = ("title",)

    class Meta:
        ordering = ["-air_date", "title"]
        constraints = [
            # The URL is /episodes/<date>/<slug>/: the slug is unique per air date.
            models.UniqueConstraint("air_date", "slug", name="episode_date_slug_unique"),
            models.CheckConstraint(
                condition=Q(duration_s__isnull=True) | Q(duration_s__gt=0),
                name="episode_duration_positive",
            ),
        ]
        indexes = [models.Index(fields=["show", "-air_date"])]

    def __str__(self):
        return f"{self.title} ({self.air_date:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Episode, self.title, scope={"air_date": self.air_date}, exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "episodes:detail",
            kwargs={
                "year": self.air_date.year,
                "month": f"{self.air_date.month:02d}",
                "day": f"{self.air_date.day:02d}",
                "slug": self.slug,
            },
        )


class AppearanceQuerySet(models.QuerySet):
    def in_billing_order(self):
        """Host first, then guests, reporters, callers, others: the order a show credits them."""
        rank = models.Case(
            *(models.When(role=role, then=i) for i, role in enumerate(BILLING_ORDER)),
            default=len(BILLING_ORDER),
        )
        return self.select_related("speaker").order_by(rank, "speaker__name")


BILLING_ORDER = ["host", "guest", "reporter", "caller", "other"]


class Appearance(models.Model):
    class Role(models.TextChoices):
        HOST = "host"
        GUEST = "guest"
        CALLER = "caller"
        REPORTER = "reporter"
        OTHER = "other"

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="appearances")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="appearances")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OTHER)
    introduced_as = models.CharField(
        max_length=300,
        blank=True,
        help_text='How they were introduced, e.g. "editor-in-chief, Mother Jones".',
    )

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        ordering = ["episode", "role", "speaker__name"]
        constraints = [
            models.UniqueConstraint("episode", "speaker", name="appearance_once_per_episode"),
            models.CheckConstraint(
                condition=Q(role__in=["host", "guest", "caller", "reporter", "other"]),
                name="appearance_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.role}) in {self.episode}"


class SpeakerSlugRedirect(models.Model):
    """An old address of a speaker page (merged away or renamed) and the speaker it means now."""

    old_slug = models.SlugField(max_length=200, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"/speakers/{self.old_slug}/ -> {self.speaker}"


# The trail is the catalogue's too; its own module, imported here so that Django finds it.
from episodes.trail import TrailEntry  # noqa: E402, F401
