"""The tests mirror the code: a folder of tests is named for the package it tests.

tests/<app>/ (and tests/<app>/<package>/) exists only for a real package of the
project, so a reader looks for an app's tests in one place. The browser tests,
which drive every app through the pages, are the one folder of their own.
"""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
OWN_FOLDERS = {"browser"}  # tests/browser/: the whole site in a real browser


def folders_for_no_package(tests):
    """Folders under ``tests`` holding test modules whose path names no package."""
    folders = {
        path.parent.relative_to(tests)
        for path in tests.rglob("test_*.py")
        if path.parent != tests and "__pycache__" not in path.parts
    }
    return sorted(
        str(folder)
        for folder in folders
        if folder.parts[0] not in OWN_FOLDERS and not (PROJECT / folder / "__init__.py").is_file()
    )


def test_every_folder_of_tests_mirrors_a_package_of_the_code():
    assert folders_for_no_package(TESTS) == []


def test_the_check_finds_a_folder_named_for_no_package(tmp_path):
    for module in ("episodes/test_models.py", "transcripts/formats/test_vtt.py", "misc/test_x.py"):
        (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / module).touch()
    assert folders_for_no_package(tmp_path) == ["misc"]
