"""manage.py attribution_report on a page and gold written here."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

PAGE = """\
Newsroom
Who Pays for the Bridge?
3/7/2024 | 10m 0sVideo has Closed Captions
Tolls are rising on every Bay Area bridge.
A look at bridge tolls and the people caught between them.
Providing Support for PBS.org
Learn Moreabout PBS online sponsorship- Welcome to Newsroom, I'm Priya Raman.
We're joined by Marcus Oyelaran, director of the Bay Area Transit Institute.
Welcome, Marcus.
- Thanks for having me.
"""
GOLD = [
    {
        "speaker": "Priya Raman",
        "text": "Welcome to Newsroom, I'm Priya Raman. We're joined by Marcus Oyelaran, "
        "director of the Bay Area Transit Institute. Welcome, Marcus.",
    },
    {"speaker": "Marcus Oyelaran", "text": "Thanks for having me."},
]


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "bridge.page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bridge.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "lonely.page.txt").write_text(PAGE, encoding="utf-8")  # no gold: not scored
    return tmp_path


def test_the_report_scores_each_page_against_its_gold_as_json(corpus):
    out = StringIO()
    call_command("attribution_report", str(corpus), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert [row["file"] for row in report["files"]] == ["bridge"]
    row = report["files"][0]
    assert (row["words"], row["right_pct"], row["wrong_name_pct"], row["mixed_paragraph_pct"]) == (
        24,
        100.0,
        0.0,
        0.0,
    )
    assert (row["turns_found"], row["turns_gold"]) == (2, 2)
    assert report["average_right_pct"] == 100.0


def test_the_report_prints_a_table_with_a_total(corpus):
    out = StringIO()
    call_command("attribution_report", str(corpus), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[2].split()[:3] == ["bridge", "24", "100.0"]
    assert lines[3].split()[:3] == ["total", "24", "100.0"]


def test_a_folder_without_pages_and_golds_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no <id>.page.txt"):
        call_command("attribution_report", str(tmp_path))
