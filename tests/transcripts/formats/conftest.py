"""What the format tests share: the sample files read as an import reads them, and
"parsed, or refused as a transcript" for the tests that feed parsers any text."""

from tests.shared_files import shared_file
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript
from transcripts.parsed import ParsedTranscript


def read_sample(relative):
    return parse_transcript(shared_file(relative).read_bytes(), filename=relative)


def texts(parsed):
    return [cue.text for cue in parsed.cues]


def parsed_or_refused(data, format):
    """``data`` parsed as ``format``, or None where it is refused as a transcript (any
    other exception fails the test)."""
    try:
        parsed = parse_transcript(data, format=format)
    except TranscriptFormatError:
        return None
    assert isinstance(parsed, ParsedTranscript)
    return parsed
