"""Access to the real files in ../shared beside the checkout; tests skip without it."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"
SEED_PAGE = SHARED / "seeds" / "forum-soft-secession-2025-11-14.txt"


def shared_file(relative):
    """Path of a file under ../shared, or skip the test saying why."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the real sample files live in ../shared beside the checkout"
        )
    return path
