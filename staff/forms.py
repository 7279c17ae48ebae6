"""Forms of the staff workflow's editing screens: the transcript editor, speaker merge."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError

from episodes.models import Speaker
from episodes.names import tidy_name


def speaker_named(name):
    """The one existing speaker called ``name`` (or so spelt), or a ValidationError."""
    found = list(Speaker.objects.named(tidy_name(name))[:2])
    if not found:
        raise ValidationError(f"No speaker is called “{name}”: check the spelling, or add them.")
    if len(found) > 1:
        raise ValidationError(f"Several speakers are called “{name}”: choose one from the list.")
    return found[0]


def chosen_speaker(form, cleaned, *, typed, picked):
    """The speaker whose name was typed in the field ``typed`` (no one or several so
    called is that field's error), else the one picked by id in ``picked``, else None."""
    name = (cleaned.get(typed) or "").strip()
    if name:
        try:
            return speaker_named(name)
        except ValidationError as error:
            form.add_error(typed, error)
            return None
    picked_id = str(cleaned.get(picked) or "")
    return Speaker.objects.filter(pk=int(picked_id)).first() if picked_id.isdigit() else None


# --- the transcript editor ------------------------------------------------------------------


def row_stamp(segment):
    """A short fingerprint of a paragraph as shown, to notice someone else's edit since."""
    seen = f"{segment.speaker_id}|{segment.speaker_inferred}|{segment.text}"
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


class ParagraphForm(forms.Form):
    segment = forms.IntegerField(widget=forms.HiddenInput)
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)
    selected = forms.BooleanField(required=False, label="select")
    speaker = forms.ChoiceField(required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, speaker_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [("", "(no speaker)"), *speaker_choices]
        # Tall enough to read the whole paragraph without scrolling inside the box, even
        # where neither CSS field-sizing nor the editor's script makes it grow.
        text = self["text"].value() or ""
        self.fields["text"].widget.attrs["rows"] = max(2, len(text) // 60 + 2)


ParagraphFormSet = forms.formset_factory(ParagraphForm, extra=0)


def paragraph_initial(segment):
    return {
        "segment": segment.pk,
        "stamp": row_stamp(segment),
        "speaker": str(segment.speaker_id or ""),
        "text": segment.text,
    }


class AssignForm(forms.Form):
    """Speaker for the selected run of paragraphs: one of the episode's, or any by name."""

    assign_to = forms.ChoiceField(required=False, label="Assign the selected paragraphs to")
    assign_to_name = forms.CharField(
        required=False,
        max_length=200,
        label="or to",
        widget=forms.TextInput(attrs={"placeholder": "another speaker's name"}),
    )

    def __init__(self, *args, speaker_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assign_to"].choices = [("", "choose a speaker"), *speaker_choices]

    def clean(self):
        cleaned = super().clean()
        speaker = chosen_speaker(self, cleaned, typed="assign_to_name", picked="assign_to")
        if speaker is None and not self.has_error("assign_to_name"):
            raise ValidationError("Choose the speaker to assign the selected paragraphs to.")
        cleaned["speaker"] = speaker
        return cleaned


class SplitForm(forms.Form):
    at = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Split before")

    def __init__(self, *args, split_points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].choices = [(offset, words) for offset, words in split_points]


class MergeSpeakerForm(forms.Form):
    # Any speaker's id is accepted (the confirmation page sends back one chosen by name);
    # the radio buttons offer the likeliest.
    into = forms.CharField(required=False, widget=forms.RadioSelect, label="The same person as")
    into_name = forms.CharField(
        required=False,
        max_length=200,
        label="or",
        widget=forms.TextInput(attrs={"placeholder": "another speaker's name"}),
    )

    def __init__(self, *args, speaker, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker = speaker
        self.fields["into"].widget.choices = [
            (str(s.pk), f"{s.name}" + (f" ({s.affiliation})" if s.affiliation else ""))
            for s in candidates
        ]

    def clean(self):
        cleaned = super().clean()
        target = chosen_speaker(self, cleaned, typed="into_name", picked="into")
        if self.has_error("into_name"):
            return cleaned
        if target is None:
            raise ValidationError("Choose the speaker to merge with.")
        if target.pk == self.speaker.pk:
            raise ValidationError("A speaker cannot be merged into themselves.")
        cleaned["target"] = target
        return cleaned
