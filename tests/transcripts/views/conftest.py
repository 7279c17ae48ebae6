"""The episode and speaker pages read the same catalogue as the catalogue's own pages."""

from tests.episodes.conftest import archive, episode  # noqa: F401 (fixtures shared with them)
