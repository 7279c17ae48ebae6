"""Who said each turn of a transcript whose turns carry no names: pure, one file a stage.

``names`` (spelling and likeness of names) -> ``introductions`` (the names each turn
gives people) -> ``cast`` (who is in the room) ->
``evidence`` (points per turn and person) -> ``decode`` (the whole sequence at
once, unnamed voices grouped). ``scoring`` measures the result against a gold
transcript (``manage.py attribution_report``).
"""

from transcripts.attribution.decode import attribute_turns
from transcripts.parsed import Cue, ParsedTranscript


def unlabelled_turns(cues: list[Cue]) -> list[list[Cue]]:
    """The speech cues grouped into turns, when no cue names its speaker; else []."""
    speech = [cue for cue in cues if cue.kind == "speech"]
    if any(cue.speaker for cue in speech):
        return []
    turns: list[list[Cue]] = []
    for cue in speech:
        if cue.turn_start or not turns:
            turns.append([cue])
        else:
            turns[-1].append(cue)
    return turns


# More turns than any programme has (the corpus's longest hearing has ~300 in
# 80 KB): such a text is not a conversation to read, and attributing it would
# cost seconds. Its voices are left for staff to name.
MAX_TURNS = 2_000


def attribute_unlabelled(parsed: ParsedTranscript) -> None:
    """Give a speaker to every turn of a source that names nobody, in place.

    A source qualifies when none of its speech cues carries a label and it
    marks at least one change of speaker (``Cue.turn_start``): page text's
    "- ", captions' ">>". Stage directions are never attributed. Named
    speakers are marked inferred; voices the text never names are grouped as
    "Speaker 2" and so on, so staff can name them in the upload preview.
    """
    turns = unlabelled_turns(parsed.cues)
    if len(turns) < 2:
        return
    if len(turns) > MAX_TURNS:
        parsed.warnings.append(
            f"{len(turns):,} turns, more than any programme has ({MAX_TURNS:,}):"
            " speakers were not attributed"
        )
        return
    metadata = parsed.metadata
    result = attribute_turns(
        [" ".join(cue.text for cue in turn) for turn in turns],
        about=[metadata.title, metadata.summary, metadata.description],
        show=metadata.show,
        inferred=[turn[0].turn_inferred for turn in turns],
    )
    for turn, label in zip(turns, result.labels, strict=True):
        for cue in turn:
            cue.speaker = label
            cue.speaker_inferred = label is not None
    for label, note in result.notes.items():
        parsed.speakers.setdefault(label, note)
    unattributed = sum(label is None for label in result.labels)
    if unattributed:
        parsed.warnings.append(f"{unattributed} of {len(turns)} turns could not be given a speaker")
