"""An SVG map of places, drawn from bundled country outlines: no tiles, no network."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape

from storyline.outputs.geometry import outline_boxes

WIDTH, HEIGHT = 640, 420
MIN_SPAN_DEGREES = 1.5  # never zoom closer than this, so a lone place keeps its context
# Outline points closer than this (in degrees) are merged at the closest zoom: about a pixel
# there. Each wider zoom level doubles it, so a world map stays small.
FINEST_DETAIL = 0.003


@dataclass
class MapPoint:
    name: str
    lat: float
    lon: float
    count: int = 1  # mentions: drawn as the marker's size


def render_map(points: Sequence[MapPoint], width: int = WIDTH, height: int = HEIGHT) -> str:
    """An inline SVG with country outlines and one labelled marker per place."""
    if not points:
        return ""
    view = _view(points, width / height)
    project = _projector(view, width, height)
    level = _detail_level(view, width)
    shapes = [_land_path(k, level)
              for k, (_, _, box) in enumerate(outline_boxes()) if _overlaps(box, view)]
    markers = []
    for point in sorted(points, key=lambda p: -p.count):
        x, y = project(point.lon, point.lat)
        radius = 3 + 2 * math.log1p(point.count)
        label = escape(point.name)
        markers.append(
            f'<g class="place" data-name="{label}"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius:.1f}"><title>{label} ({point.count})</title></circle>'
            f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}">{label}</text></g>'
        )
    return (
        f'<svg class="map" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-label="Map of places">'
        f'<rect width="{width}" height="{height}" class="sea"/>'
        f'<g class="land" transform="{_land_transform(view, width, height)}">{"".join(shapes)}</g>'
        f'<g class="places">{"".join(markers)}</g></svg>'
    )


def _view(points: Sequence[MapPoint], aspect: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points, padded, at the drawing's aspect."""
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    lon_span = max(max(lons) - min(lons), MIN_SPAN_DEGREES) * 1.3
    lat_span = max(max(lats) - min(lats), MIN_SPAN_DEGREES) * 1.3
    mid_lat = (max(lats) + min(lats)) / 2
    lon_per_lat = aspect / math.cos(math.radians(mid_lat))
    lon_span = max(lon_span, lat_span * lon_per_lat)
    lat_span = max(lat_span, lon_span / lon_per_lat)
    mid_lon = (max(lons) + min(lons)) / 2
    return (mid_lon - lon_span / 2, mid_lat - lat_span / 2,
            mid_lon + lon_span / 2, mid_lat + lat_span / 2)


def _projector(view: tuple[float, float, float, float], width: int, height: int):
    west, south, east, north = view

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * width, (north - lat) / (north - south) * height)

    return project


def _overlaps(box, view) -> bool:
    west, south, east, north = view
    return box[2] >= west and box[0] <= east and box[3] >= south and box[1] <= north


def _land_transform(view: tuple[float, float, float, float], width: int, height: int) -> str:
    """The projection of :func:`_projector` as an SVG transform of (lon, -lat) outlines."""
    west, south, east, north = view
    return (f"scale({width / (east - west):.5f} {height / (north - south):.5f}) "
            f"translate({-west:.5f} {north:.5f})")


def _detail_level(view: tuple[float, float, float, float], width: int) -> int:
    degrees_per_pixel = (view[2] - view[0]) / width
    return max(0, round(math.log2(degrees_per_pixel / FINEST_DETAIL)))


@cache
def _land_path(index: int, level: int) -> str:
    """One outline ring in degrees (x = lon, y = -lat) at a detail level, written once per
    process: maps reuse the string and zoom it with a transform instead of re-projecting."""
    name, ring, _ = outline_boxes()[index]
    tolerance = FINEST_DETAIL * 2**level
    points = _thinned(ring, tolerance)
    if len(points) < 3:
        return ""  # an island smaller than a pixel or two at this zoom
    decimals = max(1, math.ceil(-math.log10(tolerance)))  # rounding well under a pixel
    d = "M" + "L".join(f"{lon:.{decimals}f},{-lat:.{decimals}f}" for lon, lat in points) + "Z"
    return f'<path d="{d}"><title>{escape(name)}</title></path>'


def _thinned(ring, tolerance: float) -> list[tuple[float, float]]:
    """The ring without points closer than ``tolerance`` degrees to the last point kept."""
    kept = [ring[0]]
    for lon, lat in ring[1:]:
        if max(abs(lon - kept[-1][0]), abs(lat - kept[-1][1])) >= tolerance:
            kept.append((lon, lat))
    return kept

