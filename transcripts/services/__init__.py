"""THE writers of the words (ARCHITECTURE.md, "Writes live in services").

Each is one transaction that records what it changed in the trail and announces the
change once it commits; the command, the admin and the staff screens call these:

- importing.py: ``import_transcript``, a file prepared by transcripts.pipeline becomes
  an episode's current version (the catalogue's rows through episodes.services)
- versions.py: ``restore_transcript``, an earlier version becomes current again
- editing.py: the paragraph edits (text, speaker, split, join)
- paragraphs.py: the one COPY writer of paragraphs
"""

from transcripts.services.editing import (
    KEEP,
    assign_speaker,
    edit_segment,
    merge_with_next,
    split_segment,
)
from transcripts.services.importing import (
    IMPORTED,
    REPLACED,
    UNCHANGED,
    ImportResult,
    import_transcript,
)
from transcripts.services.versions import restore_transcript

__all__ = [
    "IMPORTED",
    "KEEP",
    "REPLACED",
    "UNCHANGED",
    "ImportResult",
    "assign_speaker",
    "edit_segment",
    "import_transcript",
    "merge_with_next",
    "restore_transcript",
    "split_segment",
]
