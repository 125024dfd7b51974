"""The offline SVG map: outlines zoomed by a transform, detail by zoom, no world-wide bands."""

from __future__ import annotations

import re

from storyline.outputs.geometry import outline_boxes
from storyline.outputs.mapsvg import MapPoint, render_map

BALKANS = [MapPoint("Belgrade", 44.82, 20.46, 3), MapPoint("Pristina", 42.67, 21.17)]
WORLD = [*BALKANS, MapPoint("Washington", 38.90, -77.04), MapPoint("Tokyo", 35.68, 139.69)]


def _land_transform(svg: str) -> tuple[float, float, float, float]:
    scale_x, scale_y, shift_x, shift_y = re.search(
        r'class="land" transform="scale\(([-\d.]+) ([-\d.]+)\) translate\(([-\d.]+) ([-\d.]+)\)"',
        svg).groups()
    return float(scale_x), float(scale_y), float(shift_x), float(shift_y)


def test_outlines_and_markers_share_one_projection():
    svg = render_map(BALKANS)
    scale_x, scale_y, shift_x, shift_y = _land_transform(svg)
    for point in BALKANS:
        label = re.escape(point.name)
        cx, cy = map(float, re.search(
            rf'data-name="{label}"><circle cx="([\d.]+)" cy="([\d.]+)"', svg).groups())
        assert abs((point.lon + shift_x) * scale_x - cx) < 0.2
        assert abs((-point.lat + shift_y) * scale_y - cy) < 0.2


def test_only_countries_in_view_are_drawn():
    titles = set(re.findall(r"<title>([^<(]+)</title></path>", render_map(BALKANS)))
    assert {"Serbia", "Kosovo", "Montenegro"} <= titles
    assert not titles & {"Australia", "Brazil", "Japan"}


def test_a_world_map_is_drawn_with_less_detail():
    close, world = render_map(BALKANS), render_map(WORLD)
    assert 0 < _points_of(world, "Serbia") < _points_of(close, "Serbia")
    assert len(world) < 400_000  # a world view fits a page, not megabytes of coastline


def test_rings_across_the_antimeridian_are_kept_together():
    widths = [box[2] - box[0] for name, _, box in outline_boxes() if name != "Antarctica"]
    assert max(widths) < 180


def test_no_points_no_map():
    assert render_map([]) == ""


def _points_of(svg: str, country: str) -> int:
    paths = re.findall(rf'<path d="([^"]+)"><title>{country}</title>', svg)
    return sum(path.count("L") + 1 for path in paths)
