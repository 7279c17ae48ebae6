import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from episodes.names import tidy_name
from episodes.speaker_names import SpeakerNameQuerySet
from forum_archive.reversing import addresses_of

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


class NamedWithSlug:
    """Model mixin: shown as its name; a new row gets a unique slug made from the name."""

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            length = self._meta.get_field("slug").max_length
            self.slug = unique_slug(type(self), self.name, max_length=length)
        super().save(*args, **kwargs)


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


def published_through(path=""):
    """Q: the episode at the end of ``path`` ("", "episode__", "episodes__"...) is published.

    The one spelling of "published" for lookups that cross a relation; querysets of
    episodes say ``published()``.
    """
    return Q(**{f"{path}is_published": True})


def _episode_counts():
    return models.Count("episodes", filter=published_through("episodes__"))


class ShowQuerySet(models.QuerySet):
    def public(self):
        """Shows with at least one published episode: the only ones any public page names."""
        return self.filter(pk__in=Episode.objects.published().values("show"))

    def with_episode_counts(self):
        """Annotate ``episode_total``: how many published episodes each has."""
        return self.annotate(episode_total=_episode_counts())


class Show(NamedWithSlug, TidyNames, models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    station = models.CharField("station or network", max_length=200, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["name"]


class TopicQuerySet(models.QuerySet):
    def public(self):
        """Topics of at least one published episode: the only ones any public page names."""
        return self.filter(
            pk__in=Episode.topics.through.objects.filter(published_through("episode__")).values(
                "topic"
            )
        )

    def with_episode_counts(self):
        """Annotate ``episode_total``: how many published episodes each covers."""
        return self.annotate(episode_total=_episode_counts())

    def talked_about_by(self, speaker):
        """Topics of the published episodes ``speaker`` is heard in, the most episodes first,
        each with ``episode_total``: how many of those episodes it covers."""
        return (
            self.public()
            .filter(published_through("episodes__"), episodes__appearances__speaker=speaker)
            .annotate(episode_total=models.Count("episodes", distinct=True))
            .order_by("-episode_total", "name")
        )


class Topic(NamedWithSlug, TidyNames, models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]


class SpeakerQuerySet(SpeakerNameQuerySet):
    def with_appearance_counts(self):
        return self.annotate(
            appearance_total=models.Count(
                "appearances", filter=published_through("appearances__episode__")
            )
        )

    def heard_in_public(self):
        """Speakers of at least one published episode: the only ones with a public page."""
        return self.filter(pk__in=Appearance.objects.published().values("speaker"))

    def names_heard_in_public(self):
        """The names of public speakers, A to Z (a type-ahead's offers)."""
        return self.heard_in_public().order_by("name").values_list("name", flat=True)

    def most_heard(self):
        """Speakers by how many published episodes they appear in."""
        return (
            self.with_appearance_counts()
            .filter(appearance_total__gt=0)
            .order_by("-appearance_total", "name")
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
    return models.Exists(Transcript.objects.current().filter(episode=models.OuterRef("pk")))


class EpisodeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_through())

    def drafts(self):
        return self.exclude(published_through())

    def for_listing(self):
        return self.select_related("show").prefetch_related("topics")

    def with_transcript(self):
        """Episodes that have a current transcript."""
        return self.filter(has_current_transcript())

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
        return episode_url(self.air_date, self.slug)


def episode_url(air_date, slug):
    """An episode's page, from its air date and slug (a page of many: ``episode_addresses``)."""
    return episode_addresses()(air_date, slug)


def episode_addresses():
    """``episode_url(air_date, slug)`` for a page's many episodes: the addresses' context
    (URL configuration, script prefix: context-local reads, ~10 µs an address) read once,
    as ``addresses_of`` does."""
    address = addresses_of("episodes:detail")

    def url(air_date, slug):
        return address(air_date.year, f"{air_date.month:02d}", f"{air_date.day:02d}", slug)

    return url


class AppearanceQuerySet(models.QuerySet):
    def published(self):
        """Appearances in published episodes."""
        return self.filter(published_through("episode__"))

    def newest_first(self):
        """With their episodes and shows loaded, the latest air date first."""
        return self.select_related("episode__show").order_by("-episode__air_date")

    def in_billing_order(self):
        """Host first, then guests, reporters, callers, others: the order a show credits them."""
        # The role's place in BILLING_ORDER (every role is in it: appearance_role_valid).
        # One function, not a CASE of a WHEN per role: each WHEN is a condition Django
        # resolves again for every query, ~0.5 ms of each episode page's CPU.
        rank = models.Func(
            models.Value(BILLING_ORDER, output_field=ArrayField(models.TextField())),
            "role",
            function="array_position",
            output_field=models.IntegerField(),
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
