"""How the load command compares normal pages alone, beside more visitors and under
attack: per run, with the spread of the mix runs as the noise."""

import pytest

from tools.loadtest.attack import Run, comparison, rounds, run_by_run
from tools.management.commands.load import render_budget_ms


def write_run(folder, number, name, normal_ms, worst=()):
    """A run whose normal pages took ``normal_ms`` each (a second apart), and worst-case
    requests ``worst`` as (ms, status)."""
    record = folder / f"{number:02d}-{name}-requests.csv"
    lines = [f"{n}.0,{n + ms / 1000:.4f},episode,200" for n, ms in enumerate(normal_ms)]
    lines += [f"{n}.0,{n + ms / 1000:.4f},worst,{status}" for n, (ms, status) in enumerate(worst)]
    record.write_text("\n".join(lines) + "\n")
    return Run(
        number=number, name=name, record=record, seconds=10, visitors="16 users",
        load_before=1.5, load_after=2.0,
    )  # fmt: skip


@pytest.fixture
def runs(tmp_path):
    return [
        write_run(tmp_path, 1, "mix", [10] * 95 + [20] * 5),  # p95 20
        write_run(tmp_path, 2, "control", [10] * 95 + [22] * 5),  # p95 22
        write_run(tmp_path, 3, "attack", [10] * 95 + [24] * 5, [(5, 429)] * 9 + [(80, 200)]),
        write_run(tmp_path, 4, "mix", [10] * 95 + [26] * 5),  # p95 26
        write_run(tmp_path, 5, "control", [10] * 95 + [24] * 5),
        write_run(tmp_path, 6, "attack", [10] * 95 + [24] * 5, [(5, 429)] * 10),
    ]


def test_each_run_has_its_own_line_with_the_load_average(runs):
    lines = run_by_run(runs).splitlines()
    assert len(lines) == 1 + len(runs)
    assert "1.50 -> 2.00" in lines[3]
    assert "1 x 200, 9 x 429" in lines[3]


def test_the_attack_is_judged_against_the_spread_of_the_mix_runs(runs):
    text = comparison(runs)
    assert "mix      2 run(s): p95 23 ms (median; runs 20, 26; spread 20-26)" in text
    assert "attack   2 run(s): p95 24 ms (median; runs 24, 24; spread 24-24)" in text
    assert "inside the mix runs' spread (24 ms against 20-26)" in text
    assert "control  2 run(s): p95 23 ms" in text
    assert "more clients alone (control) account for +0 ms, the worst-case addresses" in text
    assert "worst-case addresses: 20 requests (1.0/s)" in text
    assert "1 x 200, 19 x 429" in text


def test_an_attack_past_the_noise_says_so(tmp_path, runs):
    slow = write_run(tmp_path, 7, "attack", [10] * 90 + [60] * 10)
    assert "outside the mix runs' spread" in comparison([*runs, slow, slow])


def test_each_attack_is_printed_beside_the_control_of_its_round(runs):
    text = rounds(runs)
    assert " 2/3            22         24     +9%       1       9  (1 x 200, 9 x 429)" in text
    assert " 5/6            24         24     +0%       0      10  (10 x 429)" in text
    assert "round by round: +9%, +0% (median +5%)" in text


def test_without_mix_runs_control_and_attack_are_still_compared(runs):
    text = comparison([run for run in runs if run.name != "mix"])
    assert "each attack beside the control before it" in text
    assert "worst-case addresses: 20 requests" in text


def test_the_rendering_budget_is_off_when_every_page_is_rendered():
    # With the page cache off a visitor that never pauses owes 250 ms within a second:
    # the run measured 38,682 refusals instead of rendering.
    assert render_budget_ms(None, page_cache_seconds=0) == 0
    assert render_budget_ms(None, page_cache_seconds=300) == 250
    assert render_budget_ms(100, page_cache_seconds=0) == 100
