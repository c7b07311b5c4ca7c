"""Listings in Markdown keep every web address whole when a GitHub-style renderer reads them."""

from __future__ import annotations

import html
import json
import re
import subprocess

from conftest import run_cli, system_tool
from silkcli.formats.display import markdown_value


def _links(markdown: str) -> list[str]:
    """The link targets pandoc's GFM reader (autolinking included) finds in ``markdown``."""
    done = subprocess.run(
        [system_tool("pandoc"), "-f", "gfm", "-t", "html", "--wrap=none"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [html.unescape(href) for href in re.findall(r'<a href="([^"]*)"', done.stdout)]


def test_every_source_url_survives_gfm_rendering() -> None:
    """`sources -f markdown` rendered as GFM links to each source's exact address (14 were cut at `_` or `&`)."""
    urls = [row["url"] for row in json.loads(run_cli("sources", "--fields", "id,url", "-f", "json").stdout)]
    assert len(urls) > 40 and any("_" in u or "&" in u for u in urls)
    listed = run_cli("sources", "--fields", "id,url", "-f", "markdown")
    assert listed.exit_code == 0, listed.stderr
    assert _links(listed.stdout) == urls


def test_text_that_only_looks_like_a_link_stays_literal() -> None:
    """A value with a URL inside prose, or markup, is escaped text, not a live link; `|` cannot end the cell."""
    assert markdown_value("see https://example.org/a_b") == "see https://example.org/a\\_b"
    assert markdown_value("https://example.org/a|b>c") == "<https://example.org/a%7Cb%3Ec>"
    assert _links("| x |\n| --- |\n| " + markdown_value("[x](javascript:alert(1))") + " |\n") == []
