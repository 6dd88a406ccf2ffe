"""Run an unpacked offline bundle the way a user would, inside a network namespace of its own.

Started by ``tests/bundle/test_bundle.py`` as ``unshare -n python -m tests.bundle.in_netns …``
(the project's test Python, for Playwright; the bundle gets its own ``.venv``). The namespace
has only loopback: this brings ``lo`` up, runs ``make run`` in the bundle, waits for the health
check, lets headless Chromium draw the map while recording every request, stops the server and,
with ``--make-test``, runs the bundle's ``make test`` on a few tests. It prints one JSON object
of what it saw; the test asserts on it.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from tests.e2e.conftest import CHROMIUM_ARGS, LOCAL_HOSTS, MAP_FRAME, _chromium

PORT = 8501  # `make run`'s own default: nothing else listens in a fresh namespace
# Let Chromium try any host: the namespace, not a resolver rule, is what must stop it.
ARGS = [arg for arg in CHROMIUM_ARGS if not arg.startswith("--host-resolver-rules")]


def bundle_env() -> dict[str, str]:
    """The user's shell, not this test's virtual environment."""
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def connect_error(host: str, port: int) -> str | None:
    """Why a connection to ``host`` fails (None if it succeeds)."""
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as exc:
        return errno.errorcode.get(exc.errno, str(exc)) if exc.errno else str(exc)
    return None


def wait_for_health(process: subprocess.Popen, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(f"http://localhost:{PORT}/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.5)
    return None


def draw_map(screenshot: Path) -> dict:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"http://localhost:{PORT}/?date=2014-01-01", wait_until="domcontentloaded")
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator(".leaflet-container").wait_for(timeout=120_000)
        frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=60_000)
        frame.locator("path.adatlas-group-UNION_STATE").first.wait_for(
            state="attached", timeout=60_000
        )
        result = {
            "deployments": frame.locator("path.adatlas-deployment").count(),
            "countries": frame.locator("path.adatlas-country").count(),
        }
        page.screenshot(path=str(screenshot))
        browser.close()
    result["requests"] = len(requests)
    result["external"] = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss")
        and urlparse(url).hostname not in LOCAL_HOSTS
    ]
    result["leaflet_from"] = sorted({u for u in requests if u.endswith("/leaflet/leaflet.js")})
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--python", required=True, help="the Python the bundle is for")
    parser.add_argument("--artifacts", type=Path, required=True)
    parser.add_argument("--make-test", default="", help="PYTEST_ARGS for the bundle's make test")
    args = parser.parse_args()
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    # Not /sys/class/net: sysfs stays the host's, only the network namespace is new.
    out: dict = {"interfaces": sorted(name for _, name in socket.if_nameindex())}
    # A public address: with only loopback there is no route at all, not just a timeout.
    out["outside"] = connect_error("1.1.1.1", 443)
    make = ["make", f"PYTHON={args.python}"]

    log = args.artifacts / "bundle-make-run.log"
    started = time.monotonic()
    with log.open("w") as handle:
        server = subprocess.Popen(
            [*make, "run"], cwd=args.bundle, env=bundle_env(), stdout=handle,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            # The first `make run` installs ~60 wheels into .venv before it serves.
            ready = wait_for_health(server, timeout=900)
            out["health"] = ready is not None
            out["install_and_start_s"] = round(time.monotonic() - started, 1)
            if ready is not None:
                out["map"] = draw_map(args.artifacts / "bundle-map.png")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    out["make_run_log"] = log.read_text()[-3000:]

    if args.make_test and out.get("health"):
        started = time.monotonic()
        result = subprocess.run(
            [*make, "test", f"PYTEST_ARGS={args.make_test}"], cwd=args.bundle, env=bundle_env(),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        out["make_test_rc"] = result.returncode
        out["make_test_s"] = round(time.monotonic() - started, 1)
        out["make_test_output"] = (result.stdout + result.stderr)[-3000:]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
