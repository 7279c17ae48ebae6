"""Exceptions for the transcript pipeline: one family, each saying what and where."""


class TranscriptImportError(Exception):
    """An import was refused; nothing was saved.

    ``filename``, ``line`` (1-based line of the source) and ``cue`` (1-based cue
    number) say where, when known; ``str()`` gives the whole message for people.
    """

    def __init__(self, message, *, filename=None, line=None, cue=None):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.cue = cue

    def where(self):
        parts = []
        if self.filename:
            parts.append(str(self.filename))
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.cue is not None:
            parts.append(f"cue {self.cue}")
        return ", ".join(parts)

    def __str__(self):
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class TranscriptFormatError(TranscriptImportError):
    """The bytes are not a readable transcript of the expected format."""


class TranscriptEditError(Exception):
    """A correction was refused (say, merging paragraphs of two speakers); nothing changed."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
