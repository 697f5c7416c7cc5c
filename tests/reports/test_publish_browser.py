"""The public page in a real browser: headless Chromium (Debian's package) renders it with no
console error, no failed load and no script error, and a screenshot is taken.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so nothing but the standard
library is needed and no network port is opened. Skipped, with the reason, when no chromium
binary is installed (.ci/run installs it where it can).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from nastavnik.reports.publish import PAGE, write_public
from tests.reports.support import demo_year

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-extensions", "--remote-debugging-pipe", "--window-size=1280,900",
)  # fmt: skip
TIMEOUT = 30.0
PROBLEM_EVENTS = ("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded")
Message = dict[str, Any]


def browser() -> str | None:
    """The chromium binary, if one is installed."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


needs_chromium = pytest.mark.skipif(
    browser() is None,
    reason="нет chromium: установите пакет Debian chromium (.ci/run ставит его, если есть apt)",
)


def problem(message: Message) -> str | None:
    """A console error, a failed load or an uncaught exception, as text; None otherwise."""
    params = message.get("params", {})
    method = message.get("method")
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return f"{details.get('text')} {details.get('exception', {}).get('description', '')}"
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        return str(params.get("args"))[:300]
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        return f"{entry.get('text')} {entry.get('url', '')}"
    return None


@dataclass
class Chromium:
    """One headless browser on a DevTools pipe."""

    profile: Path
    process: subprocess.Popen[bytes] = field(init=False)
    events: list[Message] = field(default_factory=list)
    _buffer: bytes = b""
    _next_id: int = 0

    def __post_init__(self) -> None:
        to_browser, self._writer = os.pipe()  # the browser reads commands on fd 3
        self._reader, from_browser = os.pipe()  # and writes replies and events on fd 4

        def fds() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        command = [str(browser()), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.process = subprocess.Popen(
            command,
            pass_fds=(3, 4),
            preexec_fn=fds,  # noqa: PLW1509 — single-threaded here; only dup2 runs
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)

    def send(self, method: str, params: Message | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message: Message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._writer, json.dumps(message).encode() + b"\0")
        return self._next_id

    def wait_for(self, wanted: Callable[[Message], bool]) -> Message:
        """Read messages (keeping every one in `events`) until one is wanted."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message: Message = json.loads(raw)
                self.events.append(message)
                if wanted(message):
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            if select.select([self._reader], [], [], min(remaining, 0.5))[0]:
                chunk = os.read(self._reader, 1 << 16)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self._buffer += chunk

    def call(
        self, method: str, params: Message | None = None, session: str | None = None
    ) -> Message:
        number = self.send(method, params, session)
        reply = self.wait_for(lambda m: m.get("id") == number)
        assert "error" not in reply, reply
        result: Message = reply.get("result", {})
        return result

    def render(self, url: str, screenshot: Path) -> list[str]:
        """Open `url`, wait for it to load, save a full-page screenshot; the problems seen."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session=session)
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for(lambda m: m.get("method") == "Page.loadEventFired")
        shot = self.call(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session
        )
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return [text for m in self.events if (text := problem(m)) is not None]

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._writer)
            os.close(self._reader)


def render(page: Path, screenshot: Path, profile: Path) -> list[str]:
    """Render a page in a fresh headless Chromium; the console problems it reported."""
    chromium = Chromium(profile)
    try:
        return chromium.render(page.resolve().as_uri(), screenshot)
    finally:
        chromium.close()


@needs_chromium
def test_public_page_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_public(demo_year(2025), site)
    screenshot = tmp_path / "screenshot.png"
    problems = render(site / PAGE, screenshot, tmp_path / "profile")
    assert problems == []
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    assert screenshot.stat().st_size > 20_000  # a page with text and three charts, not a blank


@needs_chromium
def test_the_check_does_see_console_errors_and_missing_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        '</head><body><img src="нет.png"><script>console.error("сбой"); nope();</script></body></html>',
        encoding="utf-8",
    )
    problems = render(broken, tmp_path / "shot.png", tmp_path / "profile")
    assert any("сбой" in p for p in problems)
    assert any("nope" in p for p in problems)
    assert any("ERR_FILE_NOT_FOUND" in p for p in problems)
