"""Ten concurrent browser sessions against one server for 60 seconds: zero errors, bounded memory.

Each session moves the date (year buttons and the slider's keyboard steps) and changes the
status filter (through a permalink), round-robin. The server's memory growth is reported and
bounded.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, start_server, stop_server

pytestmark = [pytest.mark.e2e, pytest.mark.load]

SESSIONS = 10
DURATION_S = 60
MAX_GROWTH_MB = 400


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_ten_sessions_for_a_minute(browser):
    server = start_server(name="load")
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    try:
        pages = []
        for i in range(SESSIONS):
            page = context.new_page()
            page.on("pageerror", lambda e, i=i: errors.append(f"session {i}: {e}"))
            page.on(
                "console",
                lambda m, i=i: (
                    errors.append(f"session {i}: {m.text}")
                    if m.type == "error" and "_stcore" not in (m.location or {}).get("url", "")
                    else None
                ),
            )
            page.goto(f"{server.url}/?date=2010-01-01")
            pages.append(page)
        for page in pages:
            page.get_by_text("Air and missile defense as of").wait_for(timeout=120_000)
        baseline = rss_mb(server.process.pid)
        rng = random.Random(7)
        actions = 0
        deadline = time.monotonic() + DURATION_S
        while time.monotonic() < deadline:
            for page in pages:
                choice = rng.random()
                if choice < 0.4:
                    page.get_by_role("button", name=rng.choice(["◀ 1 year", "1 year ▶"])).click(
                        timeout=20_000
                    )
                elif choice < 0.8:
                    page.get_by_role("slider").first.press(rng.choice(["ArrowLeft", "ArrowRight"]))
                else:  # a filter change, as a shared permalink brings it
                    status = rng.choice(["operational", "planned", "cancelled"])
                    page.goto(f"{server.url}/?date={rng.randint(1995, 2024)}-06-01&status={status}")
                    page.get_by_text("Air and missile defense as of").wait_for(timeout=60_000)
                actions += 1
        for page in pages:
            page.get_by_text("Air and missile defense as of").wait_for(timeout=60_000)
        time.sleep(2)
        growth = rss_mb(server.process.pid) - baseline
        log = server.log.read_text()
    finally:
        context.close()
        stop_server(server)
    report = (
        f"{SESSIONS} sessions, {DURATION_S} s, {actions} actions; server RSS {baseline:.0f} MB "
        f"at start, growth {growth:+.0f} MB"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load-report.txt").write_text(report + "\n")
    print(report)
    assert errors == []
    assert "Traceback" not in log, log[-3000:]
    assert actions >= SESSIONS * 3  # every session kept acting (2 cores, 10 browsers)
    assert growth < MAX_GROWTH_MB, report
