"""The evaluation sets for `fit` quality: held-out hierarchies and small maps with labelled ideas.

`hierarchies()` lists the hierarchy JSON files (the shared ones beside the repository when they
are there, then the ones vendored in `benchmarks/hierarchies/`). `small_maps()` lists the small
maps of `benchmarks/smallmaps/` with their hand-labelled ideas. Nothing is downloaded.

Run as a script, it prints what it found; `--freeze` writes the train/test split into
`smallmaps/ideas.yaml` for ideas that have none yet (see smallmaps/README.md).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
VENDORED = HERE / "hierarchies"
SMALLMAPS = HERE / "smallmaps"
IDEAS = SMALLMAPS / "ideas.yaml"
SPLITS = ("train", "test")


@dataclass(frozen=True)
class Idea:
    """One idea to place on one small map, with every node id accepted as a right place."""

    map: str
    text: str
    goals: tuple[str, ...]
    split: str | None

    @property
    def in_domain(self) -> bool:
        """Whether some node of the map is a right place (off-domain ideas have no labels)."""
        return bool(self.goals)


def hierarchies(shared: Path = SHARED, vendored: Path = VENDORED) -> list[tuple[str, Path]]:
    """Every hierarchy present, as (name, path): the shared ones first, each group by name."""
    found: list[tuple[str, Path]] = []
    for folder in (shared, vendored):
        if folder.is_dir():
            found += [(path.stem, path) for path in sorted(folder.glob("*.json"))]
    return found


def read_ideas(path: Path = IDEAS) -> tuple[int, list[Idea]]:
    """The split seed and every idea of the ideas file, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ideas = [
        Idea(
            map=row["map"],
            text=str(row["idea"]),
            goals=tuple(row.get("goals") or ()),
            split=row.get("split"),
        )
        for row in data["ideas"]
    ]
    return int(data["seed"]), ideas


def small_maps(split: str | None = None, folder: Path = SMALLMAPS) -> list[tuple[Path, list[Idea]]]:
    """Each small map's path with its ideas (only those of `split` when given), by map name."""
    _, ideas = read_ideas(folder / "ideas.yaml")
    by_map: dict[str, list[Idea]] = defaultdict(list)
    for idea in ideas:
        if split is None or idea.split == split:
            by_map[idea.map].append(idea)
    return [(folder / f"{name}.yaml", by_map[name]) for name in sorted(by_map)]


def rank_of(idea: Idea, scores: dict[str, float]) -> int | None:
    """Rank of the idea's best-scored label among the scored nodes; ties count against the ranker.

    Only nodes that are not labels count above it: a tie between two right places is no miss.
    None when no label was scored (an off-domain idea, or a ranker that left the labels out).
    """
    best = max((scores[g] for g in idea.goals if g in scores), default=None)
    if best is None:
        return None
    return 1 + sum(s >= best for n, s in scores.items() if n not in idea.goals)


def small_map_metrics(answers: list[tuple[Idea, dict[str, float], bool]]) -> dict[str, float]:
    """The small-map numbers from (idea, score per candidate node, answered "nothing fits").

    top1/top3 over in-domain ideas, the in-domain "nothing fits" rate and the off-domain
    rejection rate (NaN where there is no idea of that kind), and how many ideas of each kind.
    """
    inside = [(rank_of(idea, scores), none) for idea, scores, none in answers if idea.in_domain]
    outside = [none for idea, _, none in answers if not idea.in_domain]

    def share(hits: list[bool]) -> float:
        return sum(hits) / len(hits) if hits else float("nan")

    return {
        "top1": share([r is not None and r <= 1 for r, _ in inside]),
        "top3": share([r is not None and r <= 3 for r, _ in inside]),
        "nothing_fits": share([none for _, none in inside]),
        "off_domain_rejected": share(outside),
        "in_domain": len(inside),
        "off_domain": len(outside),
    }


def assign_splits(ideas: list[Idea], seed: int) -> list[str]:
    """A train/test split stratified by map and by in/off-domain; the odd idea goes to test."""
    strata: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i, idea in enumerate(ideas):
        strata[(idea.map, idea.in_domain)].append(i)
    splits = [""] * len(ideas)
    for (name, in_domain), members in sorted(strata.items()):
        # A string seed per stratum: adding a map later leaves the other maps' splits alone.
        order = list(members)
        random.Random(f"{seed}:{name}:{in_domain}").shuffle(order)
        for rank, i in enumerate(order):
            splits[i] = "train" if rank < len(order) // 2 else "test"
    return splits


_ROW = re.compile(r"^(\s*- \{map: .*?)(, split: \w+)?\}\s*$")


def freeze(path: Path = IDEAS) -> int:
    """Write the computed split into the idea rows that have none; returns how many it wrote.

    A row that already has a split keeps it: the test split never moves once written.
    """
    seed, ideas = read_ideas(path)
    splits = iter(assign_splits(ideas, seed))
    changed = 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        match = _ROW.match(line)
        if match:
            split = next(splits)
            if match.group(2) is None:
                lines[n] = f"{match.group(1)}, split: {split}}}"
                changed += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--freeze", action="store_true", help="write the split into ideas.yaml")
    args = parser.parse_args(argv)
    if args.freeze:
        print(f"{freeze()} rows changed in {IDEAS}")
        return 0
    for name, path in hierarchies():
        print(f"hierarchy  {name:28} {path}")
    for path, ideas in small_maps():
        counts = {s: sum(i.split == s and i.in_domain for i in ideas) for s in SPLITS}
        off = {s: sum(i.split == s and not i.in_domain for i in ideas) for s in SPLITS}
        print(
            f"small map  {path.stem:12} in-domain train {counts['train']:2} test {counts['test']:2}"
            f"  off-domain train {off['train']} test {off['test']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
