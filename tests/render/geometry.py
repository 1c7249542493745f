"""A Graphviz SVG measured: node boxes, link paths, crossings, links through boxes."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


@dataclass
class Drawing:
    width: float
    height: float
    boxes: dict[str, tuple[float, float, float, float]]
    """Node title -> (x0, y0, x1, y1)."""
    links: list[tuple[str, str, list[Point]]]
    """(tail, head, points along the drawn path) of each visible link."""
    font: dict[str, list[float]]
    """Node title -> the font sizes of its text lines, top first."""


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _path(d: str) -> list[Point]:
    # Graphviz writes links as M x,y C x,y x,y x,y ...: sample each cubic piece.
    v = _numbers(d)
    points = [(v[0], v[1])]
    for i in range(2, len(v) - 5, 6):
        p0, p1, p2, p3 = points[-1], (v[i], v[i + 1]), (v[i + 2], v[i + 3]), (v[i + 4], v[i + 5])
        for step in range(1, 9):
            t = step / 8
            u = 1 - t
            points.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return points


def read(data: bytes) -> Drawing:
    root = ET.fromstring(data)
    width, height = (float(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    boxes: dict[str, tuple[float, float, float, float]] = {}
    links: list[tuple[str, str, list[Point]]] = []
    font: dict[str, list[float]] = {}
    for g in root.iter(f"{SVG}g"):
        title = g.findtext(f"{SVG}title") or ""
        if g.get("class") == "node":
            v: list[float] = []
            for shape in g.iter():
                if shape.tag == f"{SVG}polygon":
                    v += _numbers(shape.get("points", ""))
                elif shape.tag == f"{SVG}path":
                    v += _numbers(shape.get("d", ""))
            xs, ys = v[0::2], v[1::2]
            boxes[title] = (min(xs), min(ys), max(xs), max(ys))
            font[title] = [float(t.get("font-size", "0")) for t in g.iter(f"{SVG}text")]
        elif g.get("class") == "edge":
            path = g.find(f".//{SVG}path")
            if path is not None:
                tail, head = title.split("->")
                links.append((tail, head, _path(path.get("d", ""))))
    return Drawing(width, height, boxes, links, font)


def _crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def crossings(drawing: Drawing) -> int:
    """Pairs of links with no end in common whose paths cross."""
    count = 0
    links = [(t, h, p, _bounds(p)) for t, h, p in drawing.links]
    for i, (t1, h1, p1, b1) in enumerate(links):
        for t2, h2, p2, b2 in links[i + 1 :]:
            if {t1, h1} & {t2, h2} or not _overlap(b1, b2):
                continue
            pairs = list(itertools.pairwise(p1))
            segments = itertools.pairwise(p2)
            if any(_crosses(a, b, c, d) for c, d in segments for a, b in pairs):
                count += 1
    return count


def _bounds(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def through_boxes(drawing: Drawing) -> list[tuple[str, str, str]]:
    """(tail, head, node) for each link whose path enters the box of a node not at its ends."""
    found = []
    for tail, head, points in drawing.links:
        for name, (x0, y0, x1, y1) in drawing.boxes.items():
            if name in (tail, head):
                continue
            # Sampled points well inside the box (2 pt margin, as a line may touch a border).
            if any(x0 + 2 < x < x1 - 2 and y0 + 2 < y < y1 - 2 for x, y in points):
                found.append((tail, head, name))
                break
    return found
