"""An SVG map of places, drawn from bundled country outlines: no tiles, no network."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from storyline.outputs.geometry import outline_boxes

WIDTH, HEIGHT = 640, 420
MIN_SPAN_DEGREES = 1.5  # never zoom closer than this, so a lone place keeps its context


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
    shapes = [
        f'<path d="{_path(ring, project)}"><title>{escape(name)}</title></path>'
        for name, ring, box in outline_boxes()
        if _overlaps(box, view)
    ]
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
        f'<g class="land">{"".join(shapes)}</g><g class="places">{"".join(markers)}</g></svg>'
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


def _path(ring, project) -> str:
    coords = [project(lon, lat) for lon, lat in ring]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z"
