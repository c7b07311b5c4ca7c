"""The HTML brief in a real browser: headless Chromium prints it and lays it out at phone width.

Needs Debian's ``chromium``, ``poppler-utils`` (pdftotext, pdffonts) and
``fonts-noto-cjk``. Outside CI a missing tool skips these tests with the
reason; with ``CI`` set it fails.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BUNDLED, TINY, run_cli
from silkcli.brief.content import build_brief
from silkcli.dataset.load import load_dataset

pytestmark = pytest.mark.slow

TIMEOUT = 60
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _tool(*names: str, package: str) -> str:
    """The first of ``names`` on PATH; skip without it, or fail when running in CI."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"no {names[0]} found: install Debian's {package} package"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's executable."""
    return _tool("chromium", "chromium-browser", "google-chrome", package="chromium")


@pytest.fixture(scope="module")
def pdftotext() -> str:
    """poppler's pdftotext."""
    return _tool("pdftotext", package="poppler-utils")


@pytest.fixture(scope="module")
def pdffonts() -> str:
    """poppler's pdffonts."""
    return _tool("pdffonts", package="poppler-utils")


#: names of fonts with Hangul: Noto/Source Han Sans CJK (Linux), Apple SD Gothic Neo, Malgun Gothic, Nanum
_CJK_FONT = re.compile(r"CJK|Han ?Sans|Gothic|Nanum", re.IGNORECASE)


def _font_names(pdffonts: str, pdf: Path) -> list[str]:
    """The fonts pdffonts lists, with the names of the Type 3 ones read from their font descriptors.

    Chromium embeds an OpenType (CFF) font such as Noto Sans CJK as Type 3
    glyph procedures, which pdffonts lists as ``[none] Type 3``; such a
    font's name is then only in its ``/FontDescriptor``.
    """
    listing = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, timeout=TIMEOUT, check=True).stdout
    rows = [line for line in listing.splitlines()[2:] if line.strip()]
    names = [row.split()[0] for row in rows]
    if any(" Type 3 " in row for row in rows):
        names += [n.decode() for n in re.findall(rb"/FontName\s*/([^\s/<>\[\]()]+)", pdf.read_bytes())]
    return names


def _run_chromium(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "profile"
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _html_brief(tmp: Path, data: Path, *options: str) -> Path:
    target = tmp / "brief.html"
    result = run_cli("--data", str(data), "brief", *options, "-f", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def _pages(pdf: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize("options", [(), ("--full",)], ids=["one-page", "full"])
def test_printed_brief_shows_korean_names_in_a_cjk_font(
    chromium: str, pdftotext: str, pdffonts: str, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Printed to PDF, the leader's Korean name is text set in an embedded CJK font, not boxes."""
    page = _html_brief(tmp_path, BUNDLED, *options)
    pdf = tmp_path / "brief.pdf"
    _run_chromium(chromium, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    names = _font_names(pdffonts, pdf)
    assert [n for n in names if _CJK_FONT.search(n)], f"no CJK font among {names}: install fonts-noto-cjk"
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=TIMEOUT, check=True
    ).stdout
    assert "윤석열" in text


#: how many A4 pages each brief prints on: one by default; with --full the bundled data's takes two (it also
#: says what came of the summit, each fact cited: its sources run in three columns of small type), and the
#: tiny dataset's still fills one
PAGES = [
    pytest.param(BUNDLED, (), 1, id="bundled-one-page"),
    pytest.param(TINY, (), 1, id="tiny-one-page"),
    pytest.param(BUNDLED, ("--full",), 2, id="bundled-full"),
    pytest.param(TINY, ("--full",), 1, id="tiny-full"),
]


@pytest.mark.parametrize(("data", "options", "pages"), PAGES)
def test_html_brief_prints_on_its_number_of_a4_pages(
    chromium: str, pdftotext: str, tmp_path: Path, data: Path, options: tuple[str, ...], pages: int
) -> None:
    """Printed to PDF, the brief takes its number of A4 pages (see PAGES) and keeps its key facts.

    The full bundled brief cites each fact's own sources and lists every disagreement about what it prints
    (issue 11): about forty notes, which still end on the second page.
    """
    page = _html_brief(tmp_path, data, *options)
    pdf = tmp_path / "brief.pdf"
    _run_chromium(chromium, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert _pages(pdf.read_bytes()) == pages
    text = subprocess.run(
        [pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, timeout=TIMEOUT, check=True
    ).stdout
    flat = " ".join(text.split())
    brief = build_brief(load_dataset(data), full=bool(options))
    (chart,) = brief.reserves
    facts = (
        brief.headline.name,
        brief.headline.date,
        chart.reserves,
        f"rank {chart.rank} of",
        brief.notes[-1].publisher,
        brief.dataset.split(",")[-1].strip(" )"),  # the footer, last on the page
    )
    for fact in facts:
        assert fact in flat
    assert "A4" in _media_box_size(pdf.read_bytes())


def _media_box_size(pdf: bytes) -> str:
    """``A4`` when the first page's MediaBox is 595 x 842 points (give or take a point)."""
    match = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert match, "no MediaBox in the PDF"
    width, height = float(match.group(1)), float(match.group(2))
    return "A4" if abs(width - 595.3) < 2 and abs(height - 841.9) < 2 else f"{width}x{height}"


class DevTools:
    """Chromium driven over ``--remote-debugging-pipe``: commands on fd 3, replies on fd 4, NUL-separated JSON."""

    def __init__(self, chromium: str, profile: Path) -> None:
        self._to_child, self._from_child = os.pipe(), os.pipe()
        child_in, child_out = self._to_child[0], self._from_child[1]

        def wire() -> None:  # runs in the child, before exec
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        command = [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed browser command line
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=wire,
        )  # fmt: skip
        os.close(child_in)
        os.close(child_out)
        self._buffer = b""
        self._next = 0
        self._deadline = time.monotonic() + TIMEOUT

    def send(self, method: str, session: str | None = None, **params: object) -> dict[str, object]:
        """Run one command and return its result."""
        self._next += 1
        message: dict[str, object] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child[1], json.dumps(message).encode() + b"\0")
        reply = self.wait(lambda m: m.get("id") == self._next)
        assert "error" not in reply, reply
        result = reply.get("result", {})
        assert isinstance(result, dict)
        return result

    def wait(self, wanted: Callable[[dict[str, object]], bool]) -> dict[str, object]:
        """The next message ``wanted`` accepts; messages before it are dropped."""
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return dict(message)
            left = self._deadline - time.monotonic()
            ready, _, _ = select.select([self._from_child[0]], [], [], max(left, 0))
            assert ready, f"Chromium did not answer within {TIMEOUT} s"
            chunk = os.read(self._from_child[0], 65536)
            assert chunk, "Chromium closed the DevTools pipe"
            self._buffer += chunk

    def close(self) -> None:
        """Stop the browser started here."""
        try:
            os.write(self._to_child[1], json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self._to_child[1])
            os.close(self._from_child[0])


def _layout(chromium: str, tmp: Path, page: Path, *, width: int, mobile: bool) -> tuple[int, ...]:
    """(scrollWidth, clientWidth, innerWidth) of ``page`` in a ``width``-pixel viewport, as DevTools emulates it.

    On a phone a page wider than the screen also widens ``innerWidth`` (the
    browser zooms out), so both must equal the screen width.
    """
    browser = DevTools(chromium, tmp / "profile")
    try:
        target = browser.send("Target.createTarget", url="about:blank")["targetId"]
        session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        assert isinstance(session, str)
        metrics = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": mobile}
        browser.send("Emulation.setDeviceMetricsOverride", session, **metrics)
        browser.send("Page.enable", session)
        browser.send("Page.navigate", session, url=page.as_uri())
        browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        probe = "[document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]"
        value = browser.send("Runtime.evaluate", session, expression=probe, returnByValue=True)["result"]
    finally:
        browser.close()
    assert isinstance(value, dict)
    return tuple(int(n) for n in value["value"])


@pytest.mark.parametrize(("width", "mobile"), [(390, True), (1280, False)], ids=["phone", "laptop"])
@pytest.mark.parametrize("data", [BUNDLED, TINY], ids=["bundled", "tiny"])
def test_html_brief_does_not_scroll_sideways(
    chromium: str, tmp_path: Path, data: Path, width: int, mobile: bool
) -> None:
    """At phone and laptop widths the page is no wider than the viewport."""
    page = _html_brief(tmp_path, data)
    scroll_width, client_width, inner_width = _layout(chromium, tmp_path, page, width=width, mobile=mobile)
    assert inner_width == width  # a phone zooms out to show a page wider than itself
    assert scroll_width <= client_width  # the width beside a desktop scrollbar


def test_phone_screenshot_is_phone_sized(chromium: str, tmp_path: Path) -> None:
    """A 390-pixel-wide screenshot of the brief is taken (and is kept in tmp for a person to look at)."""
    page = _html_brief(tmp_path, BUNDLED)
    shot = tmp_path / "phone.png"
    _run_chromium(chromium, tmp_path, "--window-size=390,844", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (390, 844)
