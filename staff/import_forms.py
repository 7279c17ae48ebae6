"""Forms of the staff import: the upload, and the choices made in its preview."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from episodes.models import Appearance, Episode, Show, Topic
from episodes.names import tidy_name
from staff.forms import speaker_named
from transcripts.errors import TranscriptImportError
from transcripts.formats import FORMAT_LABELS, FORMATS
from transcripts.models import Transcript
from transcripts.parsed import EpisodeMetadata
from transcripts.pipeline import check_size

NEW_SPEAKER = "new"
NEW_EPISODE = "new"
DRAFT, PUBLISHED = "draft", "published"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Transcript file",
        help_text="WebVTT, SRT, Podcasting 2.0 JSON or HTML, plain text, or copied page text.",
    )
    episode = forms.ModelChoiceField(
        Episode.objects.all(),
        required=False,
        # Admin's own searchable select (its static JS); without JS, the link on an
        # episode's page comes with that episode chosen.
        widget=AutocompleteSelect(Transcript._meta.get_field("episode"), admin.site),
        empty_label="New episode, from the file's details",
        help_text="Leave empty for a new episode; its details are filled from the file "
        "and you can correct them in the preview.",
    )
    show = forms.ModelChoiceField(
        Show.objects.all(),
        required=False,
        empty_label="As the file says",
        help_text="For a new episode: the show, when the file does not name it or names it wrong.",
    )
    format = forms.ChoiceField(
        choices=[("", "Detect from the content"), *((f, FORMAT_LABELS[f]) for f in FORMATS)],
        required=False,
    )

    def __init__(self, *args, refusal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal = refusal  # set by the size-limit upload handler

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, filename=upload.name)
        except TranscriptImportError as error:
            raise ValidationError(str(error)) from error
        return upload

    def clean(self):
        if self.refusal:
            # The file was dropped as it arrived: say why instead of "this field is required".
            self.errors.pop("file", None)
            self.add_error("file", self.refusal)
        return super().clean()


class PreviewForm(forms.Form):
    """The choices staff make in the preview; ``import_arguments`` hands them to the importer."""

    def __init__(self, preview, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        if preview.found is not None:
            self._add_target_field(preview)
        if preview.episode is None:
            self._add_episode_fields(preview.details)
        for index, proposal in enumerate(preview.labels):
            self._add_label_fields(index, proposal)
        self._add_topic_fields(preview)
        published = preview.episode is not None and preview.episode.is_published
        self.fields["publication"] = forms.ChoiceField(
            label="Once saved, the episode is",
            choices=[(DRAFT, "a draft: only staff see it"), (PUBLISHED, "published")],
            initial=PUBLISHED if published else DRAFT,
            widget=forms.RadioSelect,
            help_text="It is published now: “a draft” takes it off the public site."
            if published
            else "",
        )

    # --- fields -----------------------------------------------------------------------

    def _add_target_field(self, preview):
        found = preview.found
        self.fields["target"] = forms.ChoiceField(
            label="This file is",
            choices=[
                (str(found.pk), f"a new version of “{found}” ({found.show}, {found.air_date})"),
                (NEW_EPISODE, "a new episode"),
            ],
            initial=NEW_EPISODE if preview.episode is None else str(found.pk),
            widget=forms.RadioSelect,
        )
        # What the page showed: a different choice sent back redraws it, it saves nothing.
        self.fields["shown_target"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=self.fields["target"].initial
        )

    def target_changed(self):
        if "target" not in self.fields or not self.is_bound:
            return False
        return self.data.get("target") != self.data.get("shown_target")

    def _add_episode_fields(self, details):
        text = forms.TextInput(attrs={"class": "vTextField"})
        file_show = Show.objects.filter(name__iexact=details.show.strip()).first()
        self.fields["show"] = forms.ModelChoiceField(
            Show.objects.order_by("name"),
            required=False,
            initial=file_show.pk if file_show else None,
            # The admin's searchable select: type a few letters of the name.
            widget=AutocompleteSelect(Episode._meta.get_field("show"), admin.site),
            help_text=""
            if file_show or not details.show
            else f"The file says “{details.show}”, which is not a show in the archive.",
        )
        self.fields["new_show"] = forms.CharField(
            label="or a new show named",
            max_length=200,
            required=False,
            widget=text,
            help_text="Only for a show the archive does not have yet.",
        )
        self.fields["title"] = forms.CharField(max_length=300, initial=details.title, widget=text)
        self.fields["air_date"] = forms.DateField(
            initial=details.air_date, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["duration_s"] = forms.IntegerField(
            label="Duration (seconds)", min_value=1, required=False, initial=details.duration_s
        )
        self.fields["summary"] = forms.CharField(
            max_length=500, required=False, initial=details.summary, widget=text
        )
        self.fields["description"] = forms.CharField(
            required=False,
            initial=details.description,
            widget=forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        )
        self.fields["source_url"] = forms.URLField(
            max_length=500,
            required=False,
            initial=details.source_url,
            assume_scheme="https",
            widget=forms.URLInput(attrs={"class": "vURLField"}),
        )

    def _add_label_fields(self, index, proposal):
        choices = [(NEW_SPEAKER, f"New speaker “{proposal.label}”")]
        for speaker in proposal.candidates:
            about = f" ({speaker.affiliation})" if speaker.affiliation else ""
            choices.append((str(speaker.pk), f"{speaker.name}{about}"))
        self.fields[f"speaker_{index}"] = forms.ChoiceField(
            label=f"Who is “{proposal.label}”?",
            choices=choices,
            initial=str(proposal.proposed.pk) if proposal.proposed else NEW_SPEAKER,
        )
        self.fields[f"other_{index}"] = forms.CharField(
            label="or another existing speaker",
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"placeholder": "their name"}),
        )
        self.fields[f"role_{index}"] = forms.ChoiceField(
            label="Role", choices=Appearance.Role.choices, initial=proposal.role
        )

    def _add_topic_fields(self, preview):
        already = set()
        if preview.episode is not None:
            already = set(preview.episode.topics.values_list("pk", flat=True))
        suggested = [t.pk for t in preview.named_topics if t.pk not in already]
        self.fields["topics"] = forms.ModelMultipleChoiceField(
            Topic.objects.filter(pk__in=suggested),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Topics named in the episode",
        )
        self.fields["more_topics"] = forms.ModelMultipleChoiceField(
            Topic.objects.exclude(pk__in=[*suggested, *already]),
            required=False,
            label="Other existing topics",
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["new_topics"] = forms.MultipleChoiceField(
            choices=[(term, term) for term in preview.terms],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="New topics from words distinctive of this episode",
        )
        self.fields["more_new_topics"] = forms.CharField(
            required=False,
            label="Other new topics",
            help_text="Separated by commas.",
            max_length=500,
        )

    # --- reading the choices ------------------------------------------------------------

    def label_rows(self):
        """(proposal, speaker field, other-name field, role field) per label, for the template."""
        return [
            (proposal, self[f"speaker_{i}"], self[f"other_{i}"], self[f"role_{i}"])
            for i, proposal in enumerate(self.preview.labels)
        ]

    def episode_fields(self):
        names = ["show", "new_show", "title", "air_date", "duration_s", "summary", "description"]
        return [self[name] for name in [*names, "source_url"] if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        if "show" in self.fields:
            self._clean_show(cleaned)
        self.chosen_speakers = {}
        for index, proposal in enumerate(self.preview.labels):
            other = (cleaned.get(f"other_{index}") or "").strip()
            if other:
                try:
                    self.chosen_speakers[proposal.label] = speaker_named(other)
                except ValidationError as error:
                    self.add_error(f"other_{index}", error)
                continue
            choice = cleaned.get(f"speaker_{index}")
            by_pk = {str(s.pk): s for s in proposal.candidates}
            self.chosen_speakers[proposal.label] = by_pk.get(choice)
        for name in self._new_topic_names(cleaned):
            if len(name) > 120:
                self.add_error("more_new_topics", f"“{name[:40]}…” is too long for a topic name.")
        return cleaned

    def clean_title(self):
        title = tidy_name(self.cleaned_data["title"])  # as a file's title would be
        if not title:
            raise ValidationError("Enter the episode's title.")
        return title

    def _clean_show(self, cleaned):
        """An existing show, or a new one only when staff named it as new."""
        show, new_show = cleaned.get("show"), tidy_name(cleaned.get("new_show") or "")
        cleaned["new_show"] = new_show
        if show and new_show:
            self.add_error("new_show", "Choose an existing show or name a new one, not both.")
        elif new_show:
            existing = Show.objects.filter(name__iexact=new_show).first()
            if existing is not None:
                self.add_error(
                    "new_show", f"“{existing.name}” is already a show: choose it in the list."
                )
        elif not show and "show" not in self.errors:
            self.add_error("show", "Choose the show, or name a new show below.")

    @property
    def new_show_name(self):
        """The show confirming will create, or "" (a valid form's)."""
        return self.cleaned_data.get("new_show", "") if "show" in self.fields else ""

    def _new_topic_names(self, cleaned):
        typed = [tidy_name(n) for n in (cleaned.get("more_new_topics") or "").split(",")]
        return list(dict.fromkeys([*cleaned.get("new_topics", []), *filter(None, typed)]))

    def import_arguments(self):
        """Keyword arguments for ``import_transcript``, from a valid form."""
        cleaned = self.cleaned_data
        arguments = {
            "speakers": dict(self.chosen_speakers),
            "roles": {
                proposal.label: cleaned[f"role_{i}"]
                for i, proposal in enumerate(self.preview.labels)
            },
            "topics": [
                *cleaned["topics"],
                *cleaned["more_topics"],
                *self._new_topic_names(cleaned),
            ],
            "publish": cleaned["publication"] == PUBLISHED,
        }
        if self.preview.episode is None:
            show = cleaned["show"] or cleaned["new_show"]
            arguments["show"] = show
            arguments["episode_details"] = EpisodeMetadata(
                show=show.name if isinstance(show, Show) else show,
                title=cleaned["title"],
                air_date=cleaned["air_date"],
                duration_s=cleaned["duration_s"],
                summary=cleaned["summary"],
                description=cleaned["description"],
                source_url=cleaned["source_url"],
            )
        return arguments

    def first_paragraph_rows(self):
        """(paragraph, speaker name or None) for the first paragraphs, as chosen so far."""
        names = self.names_for_labels()
        return [
            (paragraph, names.get(paragraph.speaker_label) if paragraph.speaker_label else None)
            for paragraph in self.preview.first_paragraphs
        ]

    def names_for_labels(self):
        """The name each label will be shown under, as chosen so far (or as proposed)."""
        chosen = getattr(self, "chosen_speakers", None)
        names = {}
        for proposal in self.preview.labels:
            speaker = chosen.get(proposal.label) if chosen is not None else proposal.proposed
            names[proposal.label] = speaker.name if speaker else proposal.label
        return names
