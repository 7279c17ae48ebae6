"""Names: their normal form and how alike two spellings are."""

import re
import unicodedata


def normalize_name(s: str) -> str:
    """Casefolded, accents stripped, punctuation and runs of spaces made one space."""
    decomposed = unicodedata.normalize("NFKD", s or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", without_accents.casefold()).split())
