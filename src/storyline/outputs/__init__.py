"""Outputs: the terminal digest, the briefing (HTML and Markdown) and the exports, all
rendered from one read of the store (``load_briefing``)."""

from __future__ import annotations

from pathlib import Path

from storyline.outputs.briefing import render_html, render_markdown
from storyline.outputs.digest import render_digest
from storyline.outputs.exports import write_exports
from storyline.outputs.view import BriefingData, load_briefing

__all__ = ["load_briefing", "render_digest", "write_outputs"]


def write_outputs(data: BriefingData, out: Path) -> dict[str, Path]:
    """Write briefing.html, briefing.md and every export into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"briefing.html": out / "briefing.html", "briefing.md": out / "briefing.md"}
    paths["briefing.html"].write_text(render_html(data), encoding="utf-8")
    paths["briefing.md"].write_text(render_markdown(data), encoding="utf-8")
    return paths | write_exports(data, out)
