"""Names and titles, however they arrive (a file, the admin, the preview): one cleaning.

Pure, no database: the import pipeline (transcripts/limits.py) and the models' clean()
(every admin form) call the same ``tidy_name``.
"""

import re

# Zero-width and other invisible characters, and bidirectional embeddings, overrides
# and isolates (U+202A-202E, U+2066-2069): two names that look the same must be the
# same name, and "Ann\u202eeeL" must not display as something else than it is.
INVISIBLE_IN_NAMES = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")


def tidy_name(text):
    """A name or title without invisible characters, its spaces collapsed."""
    if text is None:
        return None
    return " ".join(INVISIBLE_IN_NAMES.sub("", text).split())
