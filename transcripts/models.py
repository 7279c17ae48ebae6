from django.conf import settings
from django.contrib.postgres.aggregates import BoolOr
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Length

from episodes.models import Episode, Speaker, published_through
from episodes.reads import reading_connection
from transcripts.keys import ANCHOR_PREFIX
from transcripts.reading import display_name

# Defined by migration episodes/0001: english stemming over unaccented words.
SEARCH_CONFIG = "english_unaccent"


class TranscriptQuerySet(models.QuerySet):
    def current(self):
        """The versions readers see: one per episode (earlier versions are kept beside it)."""
        return self.filter(is_current=True)

    def without_original(self):
        """Without the original file's bytes, which no page shows."""
        return self.defer("original")


class Transcript(models.Model):
    """One version of an episode's transcript: the original file, kept as it came."""

    class Timing(models.TextChoices):
        """Where its times came from: the file, or word counts (pages say "about")."""

        EXACT = "exact", "exact (from the source)"
        ESTIMATED = "estimated", "estimated from word counts"

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="transcripts")
    version = models.PositiveIntegerField()
    # Exactly one current transcript per episode; replaced ones stay as earlier versions.
    is_current = models.BooleanField(default=True)
    source_format = models.CharField(max_length=20)
    source_name = models.CharField("original file name", max_length=255, blank=True)
    source_sha256 = models.CharField("SHA-256 of the original", max_length=64)
    original = models.BinaryField("original bytes")  # stored uncompressed (migration 0007)
    timing = models.CharField(max_length=20, choices=Timing.choices)
    language = models.CharField(max_length=16, default="en")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    warnings = models.TextField(blank=True, help_text="What the importer noticed, one per line.")

    objects = TranscriptQuerySet.as_manager()

    class Meta:
        ordering = ["episode", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint("episode", "version", name="transcript_version_unique"),
            models.UniqueConstraint(
                "episode", condition=Q(is_current=True), name="transcript_one_current_per_episode"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="transcript_version_positive"),
            models.CheckConstraint(
                condition=Q(timing__in=["exact", "estimated"]), name="transcript_timing_valid"
            ),
            models.CheckConstraint(
                condition=Q(source_sha256__regex=r"^[0-9a-f]{64}$"), name="transcript_sha256_hex"
            ),
        ]

    def __str__(self):
        return f"{self.episode} v{self.version}"

    @property
    def is_estimated(self):
        return self.timing == self.Timing.ESTIMATED


# Keys of rows written without one: "r" and a hexadecimal number from a sequence
# (migration 0003), so they never collide with each other or with the hexadecimal
# keys transcripts.keys makes.
_KEY_FROM_SEQUENCE = models.Func(
    template="'r' || to_hex(nextval('transcripts_segment_key_seq'))",
    output_field=models.CharField(),
)


# Whether any of the rows summed comes from a transcript with estimated times ("~").
_ANY_ESTIMATED = BoolOr(Q(transcript__timing="estimated"), default=False)
# A remark worth showing on a speaker's page: a sentence or two, not "Yeah."
REMARK_MIN_CHARACTERS = 120


class SegmentQuerySet(models.QuerySet):
    def current(self):
        """Paragraphs of current transcripts (an episode's, once filtered by episode)."""
        return self.filter(transcript__is_current=True)

    def public(self):
        """Paragraphs readers may see: the current transcript of a published episode."""
        return self.filter(
            Q(transcript__is_current=True) & published_through("transcript__episode__")
        )

    def for_reading(self):
        """In order, with their speakers, without the stored search vector no page shows."""
        return self.select_related("speaker").defer("search_vector").order_by("position")

    def with_urls(self):
        """Loads what ``Segment.get_absolute_url`` reads, in the same query."""
        return self.select_related("transcript__episode")

    def at_time(self, bound_ms):
        """The paragraph a ?t= moment lands on (``reading.moment_bound_ms``): the last one
        starting before the moment's end, or the first when it ends before them all."""
        before = self.filter(start_ms__lt=bound_ms).order_by("-start_ms", "-position").first()
        return before or self.order_by("start_ms", "position").first()

    def at_anchor(self, anchor):
        """The paragraph a link's anchor names: ``p-<key>``, or one it carries from before
        (a paragraph merged into it, a legacy ``seg-N``). Filter to one transcript first."""
        key = anchor.removeprefix(ANCHOR_PREFIX) if anchor.startswith(ANCHOR_PREFIX) else None
        by_key = self.filter(key=key).first() if key else None
        return by_key or self.filter(former_anchors__contains=[anchor]).first()

    def heard_from(self, speaker):
        """How long and in how many episodes a speaker talks, over the public archive."""
        return (
            self.public()
            .filter(speaker=speaker)
            .aggregate(
                milliseconds=models.Sum(F("end_ms") - F("start_ms"), default=0),
                paragraphs=models.Count("pk"),
                episodes=models.Count("transcript__episode", distinct=True),
                estimated=_ANY_ESTIMATED,
            )
        )

    def talk_by_episode(self, speaker):
        """{episode id: (milliseconds, estimated)} of a speaker's talk, per public episode."""
        rows = (
            self.public()
            .filter(speaker=speaker)
            .values("transcript__episode")
            .annotate(
                milliseconds=models.Sum(F("end_ms") - F("start_ms")), estimated=_ANY_ESTIMATED
            )
        )
        return {row["transcript__episode"]: (row["milliseconds"], row["estimated"]) for row in rows}

    def remarks_of(self, speaker):
        """A speaker's public paragraphs of some substance, with what their links need."""
        return (
            self.public()
            .filter(speaker=speaker)
            .annotate(characters=Length("text"))
            .filter(characters__gte=REMARK_MIN_CHARACTERS)
            .with_urls()
            .select_related("transcript__episode__show")
            .defer("transcript__original", "transcript__warnings", "search_vector")
        )

    def newest_first(self):
        return self.order_by("-transcript__episode__air_date", "position")

    def longest_first(self):
        """Longest first (``characters``, as ``remarks_of`` annotates it)."""
        return self.order_by("-characters", "pk")


class Segment(models.Model):
    """A paragraph of one speaker, the unit a search hit or a link points at."""

    # No index of its own: segment_position_unique (transcript, position) and the others
    # that open with the transcript serve every lookup by transcript; a second copy
    # only cost each written paragraph (migration 0006).
    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="segments", db_index=False
    )
    position = models.PositiveIntegerField()
    # Stable identity: links name it (#p-<key>), edits and new versions carry it over
    # (transcripts.keys).
    key = models.CharField(max_length=16, db_default=_KEY_FROM_SEQUENCE)
    # Anchors of links that now land here: paragraphs merged into this one, the
    # legacy position anchor seg-N it had when keys came in.
    former_anchors = ArrayField(
        models.CharField(max_length=24), default=list, db_default=models.Value([]), blank=True
    )
    start_ms = models.BigIntegerField()
    end_ms = models.BigIntegerField()
    # Indexed once, by segment_speaker below.
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="segments",
        db_index=False,
    )
    # The label as the source wrote it: kept so an unknown or wrong attribution loses nothing.
    speaker_label = models.CharField(max_length=200, blank=True)
    speaker_inferred = models.BooleanField(
        default=False, help_text="The speaker was inferred from what was said, not given."
    )

    class Kind(models.TextChoices):
        SPEECH = "speech", "speech"
        # (LAUGHTER), [crosstalk]: shown, but nobody's words: no speaker, not searched,
        # not counted as talk time.
        STAGE = "stage", "stage direction"

    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.SPEECH, db_default=Kind.SPEECH
    )
    text = models.TextField()
    search_vector = models.GeneratedField(
        # A stage direction's text is not searched as anyone's words.
        expression=SearchVector(
            Case(
                When(kind="stage", then=Value("")),
                default=F("text"),
                output_field=models.TextField(),
            ),
            config=SEARCH_CONFIG,
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SegmentQuerySet.as_manager()

    class Meta:
        ordering = ["transcript", "position"]
        constraints = [
            models.UniqueConstraint("transcript", "position", name="segment_position_unique"),
            models.UniqueConstraint("transcript", "key", name="segment_key_unique"),
            models.CheckConstraint(condition=Q(start_ms__gte=0), name="segment_start_not_negative"),
            models.CheckConstraint(
                condition=Q(end_ms__gte=F("start_ms")), name="segment_end_after_start"
            ),
            models.CheckConstraint(condition=Q(kind__in=["speech", "stage"]), name="segment_kind"),
            models.CheckConstraint(
                condition=~Q(kind="stage") | Q(speaker__isnull=True, speaker_label=""),
                name="segment_stage_has_no_speaker",
            ),
        ]
        indexes = [
            models.Index(fields=["transcript", "start_ms"], name="segment_transcript_start"),
            # The speaker and the transcript beside the words (btree_gin): a search by one
            # speaker ANDs two posting lists inside one index scan instead of two bitmaps
            # (the words' and segment_speaker's 90,000 entries for a host), and a window of
            # newest episodes ANDs the words with one transcript at a time; a search
            # without either reads the words' entries alone, as before.
            GinIndex(
                fields=["search_vector", "speaker", "transcript"], name="segment_search_vector"
            ),
            models.Index(fields=["speaker"], name="segment_speaker"),
        ]

    def __str__(self):
        return f"{self.transcript} #{self.position}"

    def get_absolute_url(self):
        """The paragraph's public address: its episode's page at its anchor.
        (Load ``transcript__episode`` with it: ``Segment.objects.with_urls()``.)"""
        return f"{self.transcript.episode.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        """The id of its element on the episode page, the fragment links use."""
        return ANCHOR_PREFIX + self.key

    @property
    def speaker_name(self):
        """``reading.display_name``, for templates (load ``speaker`` with it)."""
        return display_name(self)


def transcript_for_page(episode_id):
    """The episode's current transcript as its page reads it, or None: its id, episode and
    timing (the other fields deferred, loaded if read), with what the page says outside
    its cached fragments counted in the same statement: ``spoken`` (speech paragraphs:
    there is talk to share out) and ``inferred`` (paragraphs whose speaker was inferred).

    Written out, not built by the ORM (an annotated, deferred ``current()`` queryset cost
    the page ~3,000 Python calls for one row): "current" is ``TranscriptQuerySet.current``'s
    ``is_current``.
    """
    sql = (
        "SELECT t.id, t.timing, count(*) FILTER (WHERE s.kind = %(speech)s),"
        " count(*) FILTER (WHERE s.speaker_inferred)"
        f" FROM {Transcript._meta.db_table} t"
        f" LEFT JOIN {Segment._meta.db_table} s ON s.transcript_id = t.id"
        " WHERE t.episode_id = %(episode)s AND t.is_current"
        " GROUP BY t.id ORDER BY t.id LIMIT 1"
    )
    connection = reading_connection(Transcript)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"speech": Segment.Kind.SPEECH, "episode": episode_id})
        row = cursor.fetchone()
    if row is None:
        return None
    pk, timing, spoken, inferred = row
    transcript = Transcript.from_db(
        connection.alias, ["id", "episode_id", "timing"], [pk, episode_id, timing]
    )
    transcript.spoken, transcript.inferred = spoken, inferred
    return transcript
