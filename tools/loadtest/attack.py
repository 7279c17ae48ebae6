"""Normal pages alone and under attack, side by side, from locust's per-request records.

The "attack" run of ``manage.py load`` has the same visitors as the "mix" run, asking
for the same pages, plus a few attackers asking only for worst-case addresses (see
runner.worst_case_targets). Each request's time comes from the record file the
locustfile writes (LOAD_RECORD), so the normal pages' p95 is exact, not merged from
per-page percentiles.
"""

from collections import Counter, defaultdict

from tools.faults import read_requests
from tools.loadtest.runner import WORST_KIND

NORMAL = "all normal pages"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def milliseconds_by_page(record_path):
    """{page kind: [ms, ...]} with NORMAL for every kind but the worst-case one."""
    times = defaultdict(list)
    for request in read_requests(record_path):
        ms = (request.end - request.start) * 1000
        times[request.page].append(ms)
        if request.page != WORST_KIND:
            times[NORMAL].append(ms)
    return times


def worst_statuses(record_path):
    return Counter(r.status for r in read_requests(record_path) if r.page == WORST_KIND)


def side_by_side(alone_record, attacked_record, *, alone_seconds, attacked_seconds):
    """A table: per normal page kind, requests/s and p95 alone and under attack."""
    alone, attacked = milliseconds_by_page(alone_record), milliseconds_by_page(attacked_record)
    kinds = sorted(kind for kind in alone if kind != NORMAL) + [NORMAL]
    lines = [
        f"{'page':<18} {'req/s alone':>11} {'under attack':>12} "
        f"{'p95 ms alone':>12} {'under attack':>12} {'change':>7}"
    ]
    for kind in kinds:
        before, after = percentile(alone[kind], 0.95), percentile(attacked[kind], 0.95)
        change = f"{(after - before) / before:+.0%}" if before else ""
        lines.append(
            f"{kind:<18} {len(alone[kind]) / alone_seconds:>11.1f}"
            f" {len(attacked[kind]) / attacked_seconds:>12.1f}"
            f" {before:>12.0f} {after:>12.0f} {change:>7}"
        )
    worst = attacked[WORST_KIND]
    statuses = ", ".join(
        f"{n:,} x {status}" for status, n in sorted(worst_statuses(attacked_record).items())
    )
    lines.append(
        f"worst-case addresses: {len(worst):,} requests ({len(worst) / attacked_seconds:.1f}/s), "
        f"p50 {percentile(worst, 0.5):.0f} ms, p95 {percentile(worst, 0.95):.0f} ms; {statuses}"
    )
    return "\n".join(lines)
