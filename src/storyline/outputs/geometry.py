"""Country outlines for maps drawn offline, decoded from the bundled TopoJSON.

The data is Natural Earth 1:50m admin-0 countries (public domain) as packaged by the
world-atlas project (ISC licence); see src/storyline/data/README.md.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

Ring = list[tuple[float, float]]  # (lon, lat) points
Box = tuple[float, float, float, float]  # west, south, east, north


@cache
def country_outlines() -> dict[str, list[Ring]]:
    """Country name -> its rings of (lon, lat) points."""
    topology = json.loads(files("storyline.data").joinpath("countries-50m.topo.json").read_text())
    arcs = _decode_arcs(topology)
    outlines: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        outlines.setdefault(geometry["properties"]["name"], []).extend(rings)
    return outlines


@cache
def outline_boxes() -> list[tuple[str, Ring, Box]]:
    """Every ring with its country name and bounding box, so a map skips rings off view."""
    unwrapped = [(name, _unwrapped(ring)) for name, rings in country_outlines().items()
                 for ring in rings]
    return [
        (name, ring, (min(p[0] for p in ring), min(p[1] for p in ring),
                      max(p[0] for p in ring), max(p[1] for p in ring)))
        for name, ring in unwrapped
    ]


def _unwrapped(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian, continued east of 180° so a flat map does not
    draw it as a band across the whole world (rings around a pole are drawn as they are)."""
    shifted = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return shifted if _width(shifted) < _width(ring) - 180 else ring


def _width(ring: Ring) -> float:
    return max(p[0] for p in ring) - min(p[0] for p in ring)


def _decode_arcs(topology: dict) -> list[Ring]:
    """Undo TopoJSON's quantization and delta encoding."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"].values()
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _ring(arc_indices: list[int], arcs: list[Ring]) -> Ring:
    """Join a ring's arcs; a negative index (~i) means arc i reversed."""
    ring: Ring = []
    for index in arc_indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring
