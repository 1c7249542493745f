"""Write deterministic synthetic backmap workspaces (1k to 100k nodes) for the benchmarks."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Node = dict[str, Any]

STANDARD_SIZES = (1_000, 10_000, 100_000)
STANDARD_FILES = 50
DEFAULT_OUT = Path(__file__).resolve().parent / "out"

# Mirrors backmap.model so the generator runs without importing pydantic.
ID_MAX = 64
NODE_KEYS = (
    "id",
    "kind",
    "title",
    "description",
    "supports",
    "owner",
    "sub_owner",
    "status",
    "progress",
    "due",
    "metric",
    "tags",
    "links",
)
METRIC_KEYS = ("name", "unit", "baseline", "target", "current")


def _words(text: str) -> tuple[str, ...]:
    # Word lists read better as running text than as hundreds of quoted items.
    return tuple(text.split())


VERBS = _words(
    "reduce improve increase cut simplify automate streamline standardize document measure "
    "monitor launch migrate consolidate retire expand strengthen clarify align accelerate "
    "stabilize modernize secure scale unify review redesign pilot establish grow lower raise "
    "shorten protect respect support share build define track publish train hire audit "
    "refactor deprecate harden optimize enable introduce"
)
ADJECTIVES = _words(
    "customer internal weekly monthly quarterly regional mobile self-serve cross-team shared "
    "manual critical new legacy faster better clear reliable predictable transparent remote "
    "on-call late open inclusive early small enterprise public sustainable"
)
NOUNS = _words(
    "onboarding latency churn retention revenue costs stress workload handoffs incidents "
    "outages releases deployments tests docs support tickets backlog roadmap pipeline "
    "dashboards metrics reporting hiring interviews feedback reviews meetings messages "
    "off-hours pricing billing invoices checkout search signup security compliance privacy "
    "access data quality accuracy coverage uptime capacity budget suppliers partners "
    "customers employees engineers teams managers processes tooling infrastructure storage "
    "analytics experiments forecasts training mentoring careers wellbeing morale trust "
    "satisfaction response time errors bugs defects waste emissions energy travel office "
    "contracts renewals leads campaigns content translations accessibility"
)
LINKERS = _words("for in across with per through within before after around without and to")
PEOPLE = _words(
    "dana lior maya omer yael tamar avi ron shira eitan noa gal itai michal yoni roni adi hila "
    "oren talia amir nina sam alex jordan priya arjun mei chen wei sofia lucas emma liam "
    "olivia mateo ines kofi amara zara omar leila yuki kenji hana ivan olga pierre marie "
    "jonas freya"
)
TAGS = _words("q1 q2 q3 q4 h1 h2 platform growth people infra security quick-win okr risk")
# Name, unit, and the (bad, good) values a baseline and a target fall near.
METRICS = (
    ("after-hours messages per week", "msgs", 40, 5),
    ("p95 latency", "ms", 900, 200),
    ("weekly active users", "users", 1200, 5000),
    ("time to first value", "days", 30, 7),
    ("monthly churn", "%", 6, 2),
    ("net promoter score", None, 10, 45),
    ("open support tickets", "tickets", 400, 100),
    ("deploys per week", None, 2, 20),
    ("test coverage", "%", 55, 85),
    ("cost per customer", "eur", 80, 50),
)
STATUS_WEIGHTS = {"idea": 15, "planned": 30, "active": 35, "done": 15, "dropped": 5}

# The quoting rules of backmap.store.emit, repeated so the output is canonical byte for byte
# (foundation.py reports any file where the two disagree): plain when the text starts with a
# letter and holds nothing YAML gives a meaning to, else double-quoted.
_PLAIN_BLOCK = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff#:\[\]{}]*(?<!\s)")
_PLAIN_FLOW = re.compile(r"[^\W\d_][\w .+'/()&-]*(?<!\s)")
# Plain words that a YAML 1.1 reader (PyYAML) would turn into bools or null.
_RESERVED = frozenset(_words("y yes n no true false on off null"))


def _weights(rng: random.Random, count: int) -> list[float]:
    """Cumulative lognormal weights, so a few parents get many children as in real maps."""
    total, cumulative = 0.0, []
    for _ in range(count):
        total += rng.lognormvariate(0.0, 0.75)
        cumulative.append(total)
    return cumulative


def _assign(rng: random.Random, count: int, parents: Sequence[int]) -> list[int]:
    """Pick a parent for `count` children; every parent gets one first when there are enough."""
    picks = rng.choices(parents, cum_weights=_weights(rng, len(parents)), k=count)
    covered = list(parents)
    rng.shuffle(covered)
    picks[: len(covered)] = covered[:count]
    rng.shuffle(picks)
    return picks


def _title(rng: random.Random) -> str:
    """A planning-style title of 3-10 words: a verb, then noun phrases joined by linkers."""
    need = rng.randint(3, 10) - 1
    words = [rng.choice(VERBS).capitalize()]
    while need > 0:
        if len(words) > 1 and need >= 2:
            words.append(rng.choice(LINKERS))
            need -= 1
        size = min(need, rng.choice((1, 2, 2, 3)))
        phrase = [rng.choice(NOUNS) for _ in range(size)]
        if size > 1 and rng.random() < 0.5:
            phrase[0] = rng.choice(ADJECTIVES)
        words += phrase
        need -= size
    return " ".join(words)


def _sentence(rng: random.Random) -> str:
    """One or two sentences of description text."""
    text = f"{_title(rng)} so that {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} improves."
    if rng.random() < 0.4:
        text += f" Owned jointly with the {rng.choice(NOUNS)} team."
    return text


def _slug(title: str, number: int) -> str:
    """A unique id: the title as a slug, cut to fit, plus the node's number."""
    suffix = f"-{number}"
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return base[: ID_MAX - len(suffix)].rstrip("-") + suffix


def _due(rng: random.Random) -> date:
    """A due date in 2026-2028; half of them on a quarter end, as plans tend to be."""
    if rng.random() < 0.5:
        month, day = rng.choice(((3, 31), (6, 30), (9, 30), (12, 31)))
        return date(rng.randint(2026, 2028), month, day)
    return date(2026, 1, 1) + timedelta(days=rng.randrange(3 * 365))


def _metric(rng: random.Random) -> dict[str, Any]:
    name, unit, bad, good = rng.choice(METRICS)
    baseline = max(1, round(bad * rng.uniform(0.7, 1.3)))
    target = max(1, round(good * rng.uniform(0.8, 1.2)))
    metric: dict[str, Any] = {"name": name}
    if unit is not None:
        metric["unit"] = unit
    metric["baseline"] = baseline
    metric["target"] = target
    if rng.random() < 0.7:
        # Some currents are floats so the serializer's number formatting gets exercised.
        current = rng.uniform(min(baseline, target), max(baseline, target))
        metric["current"] = round(current, 1) if rng.random() < 0.3 else round(current)
    return metric


def _people(rng: random.Random, node: Node, owner: float, sub_owner: float) -> None:
    if rng.random() < owner:
        node["owner"] = rng.choice(PEOPLE)
        if rng.random() < sub_owner:
            node["sub_owner"] = rng.choice([p for p in PEOPLE if p != node["owner"]])


def _level_sizes(goals: int) -> list[int]:
    """Goal counts per level, top first; deeper levels are wider (ratio 1:2:4)."""
    levels = 1 if goals < 3 else 2 if goals < 10 else 3
    shares = (1, 2, 4)[:levels]
    sizes = [goals * share // sum(shares) for share in shares]
    sizes[-1] += goals - sum(sizes)
    return sizes


def generate(n: int, seed: int = 0) -> list[Node]:
    """A map of `n` nodes as dicts in canonical key order, outcomes first in depth-first order."""
    if n < 3:
        raise ValueError("a synthetic map needs at least 3 nodes")
    rng = random.Random(seed)
    outcomes = max(1, round(n * 0.01))
    goals = max(1, round(n * 0.15))
    initiatives = n - outcomes - goals

    # Nodes are built by index first; ids come last, once the file order is known.
    kinds: list[str] = []
    parents: list[list[int]] = []
    levels: list[list[int]] = [list(range(outcomes))]
    kinds += ["outcome"] * outcomes
    parents += [[] for _ in range(outcomes)]
    for size in _level_sizes(goals):
        start = len(kinds)
        parents += [[p] for p in _assign(rng, size, levels[-1])]
        kinds += ["goal"] * size
        levels.append(list(range(start, start + size)))

    goal_levels = levels[1:]
    all_goals = [g for level in goal_levels for g in level]
    # Most initiatives hang off the deepest goals; some serve broader goals directly.
    shares = [0.05, 0.15, 0.8][-len(goal_levels) :]
    counts = [round(initiatives * share / sum(shares)) for share in shares]
    counts[-1] += initiatives - sum(counts)
    for level, count in zip(goal_levels, counts, strict=True):
        for parent in _assign(rng, count, level):
            second = rng.choice(all_goals) if rng.random() < 0.1 else parent
            parents.append([parent] if second == parent else [parent, second])
            kinds.append("initiative")

    order = _depth_first(parents, outcomes)
    number = {index: i + 1 for i, index in enumerate(order)}
    titles = [_title(rng) for _ in kinds]
    ids = [_slug(titles[i], number[i]) for i in range(n)]

    nodes: list[Node] = []
    for i in order:
        nodes.append(_node(rng, ids[i], kinds[i], titles[i], [ids[p] for p in parents[i]]))
    return nodes


def _depth_first(parents: list[list[int]], outcomes: int) -> list[int]:
    """Node indexes as a person would write them: each node, then what mainly supports it."""
    children: list[list[int]] = [[] for _ in parents]
    for child, ups in enumerate(parents):
        if ups:
            children[ups[0]].append(child)
    order: list[int] = []
    stack = list(reversed(range(outcomes)))
    while stack:
        index = stack.pop()
        order.append(index)
        stack.extend(reversed(children[index]))
    return order


def _node(rng: random.Random, node_id: str, kind: str, title: str, supports: list[str]) -> Node:
    node: Node = {"id": node_id, "kind": kind, "title": title}
    if rng.random() < (0.3 if kind == "outcome" else 0.05):
        node["description"] = _sentence(rng)
    if supports:
        node["supports"] = supports
    if kind == "initiative":
        _people(rng, node, owner=0.85, sub_owner=0.5)
        if rng.random() < 0.9:
            status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
            node["status"] = status
            if status == "active" and rng.random() < 0.8:
                node["progress"] = rng.randrange(5, 100, 5)
            elif status == "done" and rng.random() < 0.6:
                node["progress"] = 100
        if rng.random() < 0.45:
            node["due"] = _due(rng)
    else:
        _people(rng, node, owner=0.5 if kind == "goal" else 0.3, sub_owner=0.3)
        if kind == "goal" and rng.random() < 0.5:
            node["status"] = rng.choice(("planned", "active", "done"))
            if rng.random() < 0.2:
                node["progress"] = rng.randrange(0, 101, 10)
        if kind == "goal" and rng.random() < 0.3:
            node["due"] = _due(rng)
    if rng.random() < {"outcome": 0.2, "goal": 0.05, "initiative": 0.01}[kind]:
        node["metric"] = _metric(rng)
    if rng.random() < 0.08:
        node["tags"] = sorted(set(rng.sample(TAGS, rng.randint(1, 2))))
    if kind == "initiative" and rng.random() < 0.02:
        node["links"] = [f"https://tracker.example.com/PLAN-{rng.randint(100, 9999)}"]
    return node


def scalar(value: object, flow: bool = False) -> str:
    """One YAML scalar: plain when it is safe as written, otherwise double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if plain.fullmatch(text) and text.lower() not in _RESERVED and "  #" not in text:
        return text
    # A JSON string is a valid YAML double-quoted scalar with the same escapes.
    return json.dumps(text, ensure_ascii=False)


def _flow(items: Iterable[object]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def dumps(nodes: Sequence[Node], title: str) -> str:
    """A map file as canonical YAML text, formatted by hand for speed."""
    lines = ["backmap: 1", f"title: {scalar(title)}"]
    if not nodes:
        lines.append("nodes: []")
    else:
        lines.append("nodes:")
    for node in nodes:
        lead = "  - "
        for key in NODE_KEYS:
            if key not in node:
                continue
            value = node[key]
            if key == "metric":
                lines.append(f"{lead}metric:")
                lines += [f"      {k}: {scalar(value[k])}" for k in METRIC_KEYS if k in value]
            elif isinstance(value, list):
                lines.append(f"{lead}{key}: {_flow(value)}")
            else:
                lines.append(f"{lead}{key}: {scalar(value)}")
            lead = "    "
    return "\n".join(lines) + "\n"


def _chunks(items: Sequence[Node], count: int) -> list[list[Node]]:
    """`items` cut into `count` runs of near-equal length, keeping their order."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        out.append(list(items[start:end]))
        start = end
    return out


def split(nodes: Sequence[Node], files: int) -> list[list[Node]]:
    """Spread nodes over files like a group map with team maps that support its goals."""
    kinds = {node["id"]: node["kind"] for node in nodes}

    def is_head(node: Node) -> bool:
        ups = node.get("supports", [])
        return node["kind"] == "outcome" or (
            node["kind"] == "goal" and all(kinds.get(up) == "outcome" for up in ups)
        )

    head = [node for node in nodes if is_head(node)]
    rest = [node for node in nodes if not is_head(node)]
    # Outcomes and top goals take the first files, in proportion to how many they are.
    heads = min(max(1, round(files * len(head) / len(nodes))), files - 1)
    parts = _chunks(head, heads) + _chunks(rest, files - heads)
    if not all(parts):
        raise ValueError(f"{len(nodes)} nodes are too few to fill {files} files")
    return parts


def _write_text(path: Path, text: str) -> None:
    # Write beside and rename, so an interrupted run never leaves a half file behind.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_workspace(
    nodes: Sequence[Node], out: Path, files: int = 1, title: str | None = None
) -> list[Path]:
    """Write one file `out` (files=1) or a folder `out/` of part-NN.yaml files; return them."""
    title = title or f"Synthetic map {len(nodes)}"
    if files == 1:
        out.parent.mkdir(parents=True, exist_ok=True)
        _write_text(out, dumps(nodes, title))
        return [out]
    parts = split(nodes, files)
    width = max(2, len(str(files)))
    # Build the folder aside and swap it in, so a folder that exists is always complete.
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    names = []
    for i, part in enumerate(parts, 1):
        name = f"part-{i:0{width}d}.yaml"
        part_title = f"{title} part {i:0{width}d} of {files}"
        (tmp / name).write_text(dumps(part, part_title), encoding="utf-8")
        names.append(name)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return [out / name for name in names]


def standard_paths(out: Path, n: int) -> tuple[Path, Path]:
    """Where the standard set keeps the single-file and the split workspace of size `n`."""
    return out / f"map-{n}.yaml", out / f"map-{n}-split"


def ensure_standard(
    out: Path = DEFAULT_OUT,
    sizes: Iterable[int] = STANDARD_SIZES,
    files: int = STANDARD_FILES,
    seed: int = 0,
    force: bool = False,
    log: bool = True,
) -> dict[int, tuple[Path, Path]]:
    """Write the standard workspaces that are missing (all of them with `force`)."""
    result = {}
    for n in sizes:
        single, folder = standard_paths(out, n)
        result[n] = (single, folder)
        todo_single = force or not single.is_file()
        todo_split = force or not folder.is_dir()
        if not (todo_single or todo_split):
            if log:
                print(f"kept {single} and {folder}/", file=sys.stderr)
            continue
        nodes = generate(n, seed)
        if todo_single:
            write_workspace(nodes, single)
            if log:
                print(f"wrote {single}", file=sys.stderr)
        if todo_split:
            write_workspace(nodes, folder, files)
            if log:
                print(f"wrote {folder}/ ({files} files)", file=sys.stderr)
    return result


def parse_sizes(text: str) -> list[int]:
    """'1000,10k,0.1m' -> [1000, 10000, 100000]."""
    sizes = []
    for item in text.split(","):
        item = item.strip().lower()
        scale = {"k": 1_000, "m": 1_000_000}.get(item[-1:], 1)
        sizes.append(round(float(item[:-1] if scale > 1 else item) * scale))
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(STANDARD_SIZES),
        help="comma-separated node counts (default: 1000,10000,100000)",
    )
    parser.add_argument("--files", type=int, default=STANDARD_FILES, help="files per split map")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="rewrite maps that exist")
    args = parser.parse_args(argv)
    ensure_standard(args.out, args.sizes, args.files, args.seed, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
