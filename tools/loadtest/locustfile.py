"""The visitors of ``manage.py load`` and ``manage.py faults``, for locust.

Run by those commands (``locust --headless -f tools/loadtest/locustfile.py``)
with two environment variables:

- LOAD_TARGETS: a JSON file of the addresses to visit per page kind
  ({"episode": ["/episodes/2025/11/14/.../", ...], "search": [...], ...});
- LOAD_PAGES: which kinds to visit, comma-separated; each visitor picks one at
  random for every request, so "episode" is an episode-page-only run and
  "home,list,episode,speaker,search" is the mix (a kind named twice is picked
  twice as often).
- LOAD_ATTACKERS (optional): that many more users who ask only for worst-case
  addresses, beside the visitors (locust's --users counts both).

An address may be ``[path, status]``: the status it must answer (a refused
worst-case address answers 400, and that is a success). Addresses of the "worst"
kind get a random parameter on every request, as an attacker varies them, so the
page cache never answers for them.

Optionally LOAD_RECORD: a file that gets one line per request (start and end
time, kind, status), which the fault drill uses to tell what happened during an
outage. Visitors wait for nothing between requests: the figures are what the
server can do, not what a polite crowd asks of it.
"""

import json
import os
import random
import time
from pathlib import Path

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
PAGES = [kind for kind in os.environ.get("LOAD_PAGES", ",".join(TARGETS)).split(",") if kind]
# The load balancer terminates TLS and says so; without it production settings redirect.
HEADERS = {"X-Forwarded-Proto": "https"}

# Open for the life of the process: one line per request, flushed when locust quits.
_record = open(os.environ["LOAD_RECORD"], "a") if os.environ.get("LOAD_RECORD") else None  # noqa: SIM115


@events.request.add_listener
def record_request(name, response_time, response, exception, start_time=None, **kwargs):
    if _record is None:
        return
    status = getattr(response, "status_code", 0) or 0
    end = time.time()
    start = start_time if start_time is not None else end - response_time / 1000
    _record.write(f"{start:.4f},{end:.4f},{name},{status}\n")


@events.quitting.add_listener
def close_record(**kwargs):
    if _record is not None:
        _record.flush()


ATTACKERS = int(os.environ.get("LOAD_ATTACKERS") or 0)


class Visitor(FastHttpUser):
    wait_time = constant(0)
    # Connections are kept open, as a browser or a load balancer keeps them.
    connection_timeout = 10
    network_timeout = 30
    pages = PAGES

    def on_start(self):
        # Each visitor its own address, as the load balancer reports it
        # (the app server trusts one proxy: TRUSTED_PROXY_COUNT=1).
        self.address = (
            f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        )

    @task
    def visit(self):
        kind = random.choice(self.pages)
        target = random.choice(TARGETS[kind])
        path, expected = (target, 200) if isinstance(target, str) else target
        if kind == "worst":
            path += f"{'&' if '?' in path else '?'}nocache={random.getrandbits(48)}"
        headers = {**HEADERS, "X-Forwarded-For": self.address}
        with self.client.get(path, headers=headers, name=kind, catch_response=True) as response:
            # A refusal that was asked for (400) is a success, and so is an attacker's
            # address told to slow down (429: its rendering budget is spent).
            if response.status_code == expected or (
                kind == "worst" and response.status_code == 429
            ):
                response.success()
            else:
                response.failure(f"status {response.status_code}")


if ATTACKERS:

    class Attacker(Visitor):
        """Worst-case addresses only, as fast as answered, whatever the visitors do."""

        fixed_count = ATTACKERS
        pages = ["worst"]
