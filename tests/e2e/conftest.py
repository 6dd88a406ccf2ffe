"""Real-browser fixtures: a `streamlit run` server on a free port and headless Chromium.

Chromium's resolver maps every host except localhost to nothing, and every request is
recorded: a test fails on any request that leaves localhost.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Streamlit's own probes on a direct page load; they 404 harmlessly.
BENIGN_404 = ("/_stcore/health", "/_stcore/host-config")


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("ADATLAS_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    data_dir: Path | None = None


def start_server(
    data_dir: Path | None = None,
    name: str = "server",
    extra_env: dict[str, str] | None = None,
    script: Path = REPO / "server.py",
) -> Server:
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"{name}-{port}.log"
    env = {**os.environ, **(extra_env or {})}
    if data_dir is not None:
        env["ADATLAS_DATA"] = str(data_dir)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log, data_dir)
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server() -> Iterator[Server]:
    server = start_server(name="app")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        message = "Chromium not found (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Recorded:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss")
            and urlparse(url).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    recorded = Recorded()
    page.on("request", lambda r: recorded.requests.append(r.url))

    def on_console(message) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        if any(path in where for path in BENIGN_404):
            return
        recorded.console_errors.append(f"{message.text} @ {where}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: recorded.console_errors.append(f"pageerror: {exc}"))
    page.recorded = recorded
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert recorded.external_requests() == [], "requests left localhost"


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def map_frame(page):
    return page.frame_locator(MAP_FRAME).first


def map_js_frame(page):
    """The Playwright Frame running the Leaflet map (for evaluating JS in it)."""
    for frame in page.frames:
        if "streamlit_folium" in frame.url:
            return frame
    raise AssertionError("map frame not found")


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the page's script (widgets are live)."""
    page.wait_for_function(
        "document.querySelector('[data-testid=stApp]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=timeout_ms,
    )
