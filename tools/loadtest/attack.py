"""Normal pages alone, beside more ordinary visitors, and under attack, from locust's
per-request records.

``manage.py load`` alternates three runs: "mix" (the visitors alone), "control" (the
visitors plus as many more ordinary visitors as there are attackers) and "attack"
(the visitors plus attackers asking only for worst-case addresses, see
runner.worst_case_targets). Each request's time comes from the record file the
locustfile writes (LOAD_RECORD), one file per run, so each run's p95 of normal pages
is exact, and the spread of the mix runs shows how much the machine's other work
moves the figure: "unchanged within noise" is read against that spread. The control
separates "more clients on the same cores" from "worst-case addresses".
"""

import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tools.faults import read_requests
from tools.loadtest.runner import WORST_KIND

COMPARED = ("mix", "control", "attack")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


@dataclass
class Run:
    """One run of the load command: its record file, and the machine's 1-minute load
    average (what `uptime` shows) when it began and ended."""

    number: int
    name: str
    record: Path
    seconds: float
    visitors: str
    load_before: float
    load_after: float

    def _requests(self):
        return read_requests(self.record)

    def normal_ms(self):
        return [(r.end - r.start) * 1000 for r in self._requests() if r.page != WORST_KIND]

    def worst_ms(self):
        return [(r.end - r.start) * 1000 for r in self._requests() if r.page == WORST_KIND]

    def worst_statuses(self):
        return Counter(r.status for r in self._requests() if r.page == WORST_KIND)

    def normal_p95(self):
        return percentile(self.normal_ms(), 0.95)


def _statuses(counter):
    return ", ".join(f"{n:,} x {status}" for status, n in sorted(counter.items())) or "-"


def run_by_run(runs):
    """A line per run: normal pages' rate and p95, worst-case answers, load average."""
    lines = [
        f"{'#':>2}  {'run':<8} {'visitors':<22} {'normal req/s':>12} {'p95 ms':>7}"
        f" {'worst req/s':>11}  {'load avg before -> after':<24}  worst-case answers"
    ]
    for run in runs:
        worst = run.worst_ms()
        lines.append(
            f"{run.number:>2}  {run.name:<8} {run.visitors:<22}"
            f" {len(run.normal_ms()) / run.seconds:>12.1f} {run.normal_p95():>7.0f}"
            f" {len(worst) / run.seconds if worst else 0:>11.1f}"
            f"  {f'{run.load_before:.2f} -> {run.load_after:.2f}':<24}"
            f"  {_statuses(run.worst_statuses())}"
        )
    return "\n".join(lines)


def by_kind(runs):
    """{run name: [normal p95 of each run]} for the compared runs present."""
    p95s = {}
    for run in runs:
        if run.name in COMPARED:
            p95s.setdefault(run.name, []).append(run.normal_p95())
    return p95s


def rounds(runs):
    """Each attack run beside the control run before it (one round: the machine's other
    work weighed on both alike): normal pages' p95 and the worst-case answers."""
    lines, changes, control = [], [], None
    for run in runs:
        if run.name == "control":
            control = run
        elif run.name == "attack" and control is not None:
            before, during = control.normal_p95(), run.normal_p95()
            change = (during - before) / before if before else 0.0
            changes.append(change)
            statuses = run.worst_statuses()
            refused = sum(n for status, n in statuses.items() if status != 200)
            lines.append(
                f"{control.number:>2}/{run.number:<2}  {before:>11.0f} {during:>10.0f}"
                f" {change:>+7.0%}  {statuses.get(200, 0):>6,} {refused:>7,}"
                f"  ({_statuses(statuses)})"
            )
            control = None
    if not lines:
        return ""
    header = (
        f"{'runs':<6} {'control p95':>11} {'attack p95':>10} {'change':>7}  {'served':>6}"
        f" {'refused':>7}  worst-case answers"
    )
    summary = (
        f"attack against its control, round by round: {', '.join(f'{c:+.0%}' for c in changes)}"
        f" (median {statistics.median(changes):+.0%})"
    )
    return "\n".join(
        ["Normal pages' p95 (ms), each attack beside the control before it:", header]
        + lines
        + [summary]
    )


def comparison(runs):
    """Each compared kind's median p95 and spread, its change against the mix's median,
    and whether the attack stays inside the mix runs' spread; each attack beside its
    round's control; the worst-case addresses' answers in all."""
    lines = [_against_the_mix(runs), rounds(runs), _worst_case_answers(runs)]
    return "\n".join(line for line in lines if line)


def _against_the_mix(runs):
    p95s = by_kind(runs)
    if "mix" not in p95s:
        return ""
    alone = statistics.median(p95s["mix"])
    lines = []
    for name in COMPARED:
        if name not in p95s:
            continue
        values = p95s[name]
        median = statistics.median(values)
        change = f"{(median - alone) / alone:+.0%} against the mix" if name != "mix" else ""
        lines.append(
            f"{name:<8} {len(values)} run(s): p95 {median:.0f} ms (median; runs "
            f"{', '.join(f'{v:.0f}' for v in values)}; spread {min(values):.0f}-{max(values):.0f})"
            f"  {change}".rstrip()
        )
    if "attack" in p95s:
        low, high = min(p95s["mix"]), max(p95s["mix"])
        attacked = statistics.median(p95s["attack"])
        verdict = "inside" if attacked <= high else "outside"
        lines.append(
            f"under attack the normal pages' p95 is {verdict} the mix runs' spread "
            f"({attacked:.0f} ms against {low:.0f}-{high:.0f})"
        )
        if "control" in p95s:
            control = statistics.median(p95s["control"])
            lines.append(
                f"of the change, more clients alone (control) account for "
                f"{control - alone:+.0f} ms, the worst-case addresses for "
                f"{attacked - control:+.0f} ms more"
            )
    return "\n".join(lines)


def _worst_case_answers(runs):
    attacks = [run for run in runs if run.name == "attack"]
    if not attacks:
        return ""
    worst = [ms for run in attacks for ms in run.worst_ms()]
    statuses = sum((run.worst_statuses() for run in attacks), Counter())
    seconds = sum(run.seconds for run in attacks)
    return (
        f"worst-case addresses: {len(worst):,} requests ({len(worst) / seconds:.1f}/s), "
        f"p50 {percentile(worst, 0.5):.0f} ms, p95 {percentile(worst, 0.95):.0f} ms; "
        f"{_statuses(statuses)} (200: served, 400 and 429: refused)"
    )
