"""A tiny inline SVG bar chart of articles per day, for the stories list."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 120, 24


def sparkline(days: list[tuple[str, int]]) -> str:
    if not days:
        return ""
    peak = max(count for _, count in days)
    bar = WIDTH / len(days)
    bars = "".join(
        f'<rect x="{i * bar:.1f}" y="{HEIGHT - count / peak * HEIGHT:.1f}" '
        f'width="{max(bar - 1, 1):.1f}" height="{count / peak * HEIGHT:.1f}">'
        f"<title>{escape(day)}: {count}</title></rect>"
        for i, (day, count) in enumerate(days)
    )
    return (f'<svg class="spark" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="articles per day">{bars}</svg>')
