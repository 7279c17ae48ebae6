"""The import direction of ARCHITECTURE.md holds, and its check would catch a backwards import.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter reads the import
statements of every module (those inside functions too) without running them.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["forum_archive", "tools", "episodes", "transcripts", "staff", "api", "alerts"]


def lint_imports(project_dir):
    """Run import-linter on the project in ``project_dir``: (exit code, its report)."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-cache", "--config", str(project_dir / "pyproject.toml")],
        cwd=project_dir,
        env={"PYTHONPATH": str(project_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_apps_import_one_way_and_never_the_http_layer():
    code, report = lint_imports(ROOT)
    assert code == 0, report
    assert "0 broken" in report


@pytest.mark.parametrize(
    "module, backwards_import, broken_contract",
    [
        ("episodes/services.py", "from staff import views", "Apps depend one way"),
        ("transcripts/services/editing.py", "import staff.models", "Apps depend one way"),
        ("episodes/models.py", "from alerts.models import Alert", "Apps depend one way"),
        # No exception for the catalogue's pages: the episode page lives in transcripts.
        ("episodes/views.py", "from transcripts.reading import group_turns", "Apps depend one way"),
        (
            "episodes/templatetags/archive.py",
            "from transcripts.models import Segment",
            "Apps depend one way",
        ),
        ("staff/editor.py", "from forum_archive.middleware import watch_queries", "web plumbing"),
    ],
)
def test_a_backwards_import_breaks_the_check(tmp_path, module, backwards_import, broken_contract):
    project = copy_of_the_code(tmp_path)
    with open(project / module, "a", encoding="utf-8") as source:
        source.write(f"\n\ndef added_by_the_test():\n    {backwards_import}\n")

    code, report = lint_imports(project)

    assert code == 1, report
    assert broken_contract in report
    assert "BROKEN" in report
    module_name = module.removesuffix(".py").replace("/", ".")
    assert module_name in report  # the report names the importing module
