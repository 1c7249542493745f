"""Ownership, time, fragility and near-duplicate rules (BM3xx-BM6xx), selection, suppression."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import examples, plain

from backmap import store
from backmap.checks import RULES, CheckConfig, Severity, check, load_config, similar
from backmap.checks.similar import near, near_duplicates
from backmap.model import Kind, MapFile, Metric, Node, Status, Workspace
from backmap.text import statement

DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 22)
Found = list[tuple[str, str, str]]

# Code -> (fixture that makes it fire, config changes, every finding of that code in it as
# (file:line, node, message)). The same fixture with `-quiet` must give none.
FIRES: dict[str, tuple[str, dict[str, Any], Found]] = {
    "BM301": (
        "bm301",
        {},
        [
            (
                "bm301.yaml:12",
                "no-meetings",
                "initiative `no-meetings` is planned but has no owner: name the person who "
                "carries it",
            ),
            (
                "bm301.yaml:17",
                "quiet-hours",
                "initiative `quiet-hours` is active but has no owner: name the person who "
                "carries it",
            ),
            (
                "bm301.yaml:23",
                "rota",
                "initiative `rota` is under way (it has progress, and no status) but has no "
                "owner: name the person who carries it",
            ),
            (
                "bm301.yaml:28",
                "pager-load",
                "initiative `pager-load` is under way (it has progress, and no status) but has "
                "no owner: name the person who carries it",
            ),
        ],
    ),
    "BM302": (
        "bm302",
        {},
        [
            (
                "bm302.yaml:5",
                "calm",
                "`calm` is owned by dana with no sub_owner: name who carries it when dana is away",
            ),
            (
                "bm302.yaml:9",
                "quiet-hours",
                "`quiet-hours` is owned by Lior Ben David with no sub_owner: name who carries "
                "it when Lior Ben David is away",
            ),
        ],
    ),
    "BM303": (
        "bm303",
        {},
        [
            (
                "bm303.yaml:5",
                "calm",
                "`calm` has dana as both owner and sub_owner: the sub_owner is the second "
                "person; name someone else",
            ),
            (
                "bm303.yaml:10",
                "focus",
                "`focus` has Maya as both owner and sub_owner: the sub_owner is the second "
                "person; name someone else",
            ),
        ],
    ),
    "BM304": (
        "bm304",
        {"max_open_items": 2},
        [
            (
                "bm304.yaml:10",
                "focus",
                "Dana owns 5 open items (more than 2): `focus`, `no-meetings`, `focus-blocks` "
                "and 2 more; hand some over, or finish or drop some",
            ),
            (
                "bm304.yaml:15",
                "rest",
                "lior owns 3 open items (more than 2): `rest`, `quiet-hours`, `on-call-rota`; "
                "hand some over, or finish or drop some",
            ),
        ],
    ),
    "BM305": (
        "bm305",
        {},
        [
            (
                "bm305.yaml:6",
                "calm",
                "every open initiative beneath outcome `calm` is owned by dana (2: "
                "`no-meetings`, `late-messages`): the outcome hangs on one person; share the work",
            ),
            (
                "bm305.yaml:9",
                "growth",
                "every open initiative beneath outcome `growth` is owned by dana (2: "
                "`no-meetings`, `reading-group`): the outcome hangs on one person; share the work",
            ),
        ],
    ),
    "BM401": (
        "bm401",
        {},
        [
            (
                "bm401.yaml:5",
                "calm",
                "`calm` was due 2026-01-01 (325 days ago) and is not done: finish it, move its "
                "due date, or drop it",
            ),
            (
                "bm401.yaml:9",
                "quiet-hours",
                "`quiet-hours` was due 2026-11-21 (1 day ago) and is not done: finish it, move "
                "its due date, or drop it",
            ),
        ],
    ),
    "BM402": (
        "bm402",
        {},
        [
            (
                "bm402.yaml:14",
                "quiet-hours",
                "`quiet-hours` is due 2028-01-15, after `calm` (due 2027-12-31), which it "
                "supports: bring `quiet-hours` forward or move `calm` later",
            ),
            (
                "bm402.yaml:14",
                "quiet-hours",
                "`quiet-hours` is due 2028-01-15, after `focus` (due 2027-03-31), which it "
                "supports: bring `quiet-hours` forward or move `focus` later",
            ),
        ],
    ),
    "BM403": (
        "bm403",
        {},
        [
            (
                "bm403.yaml:5",
                "quiet-hours",
                "`quiet-hours` is done but its progress says 60%: set progress to 100 (or "
                "remove it), or reopen the item",
            ),
            (
                "bm403.yaml:10",
                "focus-blocks",
                "`focus-blocks` is done but its progress says 99.5%: set progress to 100 (or "
                "remove it), or reopen the item",
            ),
        ],
    ),
    "BM404": (
        "bm404",
        {},
        [
            (
                "bm404.yaml:5",
                "more-users",
                '`more-users`: metric "weekly active users" is 5000 users, at its target of '
                "5000 users: mark `more-users` done, or set a further target",
            ),
            (
                "bm404.yaml:15",
                "quiet-evenings",
                '`quiet-evenings`: metric "after-hours messages per week" is 8.5 msgs, past '
                "its target of 10 msgs: mark `quiet-evenings` done, or set a further target",
            ),
            (
                "bm404.yaml:24",
                "coverage",
                '`coverage`: metric "line coverage" is 85%, at its target of 85%: mark '
                "`coverage` done, or set a further target",
            ),
        ],
    ),
    "BM411": (
        "bm411",
        {},
        [
            (
                "bm411.yaml:5",
                "stale-item",
                "`stale-item` was last checked in on 2026-10-15 (38 days ago, more than 35): "
                "check it in (`backmap checkin stale-item`), or mark it done or dropped",
            ),
            (
                "bm411.yaml:13",
                "stale-goal",
                "`stale-goal` was last checked in on 2026-10-01 (52 days ago, more than 35): "
                "check it in (`backmap checkin stale-goal`), or mark it done or dropped",
            ),
        ],
    ),
    "BM412": (
        "bm412",
        {},
        [
            (
                "bm412.yaml:5",
                "slow",
                "`slow` went from 10% to 30% between 2026-08-31 and 2026-10-31; at that pace "
                "it would finish on 2027-06-02, after its due date 2027-01-31: speed it up, "
                "cut its scope, or move its due date",
            ),
            (
                "bm412.yaml:14",
                "stuck",
                "`stuck` did not move forward between 2026-09-30 and 2026-10-31 (40%), after "
                "its due date 2027-03-31: speed it up, cut its scope, or move its due date",
            ),
            (
                "bm412.yaml:23",
                "by-metric",
                "`by-metric` went from 10% to 20% between 2026-09-30 and 2026-10-31; at that "
                "pace it would finish on 2027-07-06, after its due date 2027-01-31: speed it "
                "up, cut its scope, or move its due date",
            ),
        ],
    ),
    "BM413": (
        "bm413",
        {},
        [
            (
                "bm413.yaml:5",
                "quiet-evenings",
                '`quiet-evenings`: metric "after-hours messages per week" went from 60 msgs to '
                "70 msgs on 2026-10-31, away from its target of 10 msgs: say why in a check-in "
                "note, or rethink the item",
            ),
            (
                "bm413.yaml:17",
                "more-users",
                '`more-users`: metric "weekly active users" went from 3000 users to 2500 users '
                "on 2026-10-31, away from its target of 5000 users: say why in a check-in note, "
                "or rethink the item",
            ),
        ],
    ),
    "BM414": (
        "bm414",
        {},
        [
            (
                "bm414.yaml:5",
                "rota",
                "`rota`'s progress is 60%, but its latest check-in (2026-11-20) says 70%: write "
                "`progress: 70`, or check in today's value (`backmap checkin rota --progress N`)",
            ),
            (
                "bm414.yaml:13",
                "unset",
                "`unset`'s progress is not set, but its latest check-in (2026-11-01) says 35%: "
                "write `progress: 35`, or check in today's value (`backmap checkin unset "
                "--progress N`)",
            ),
            (
                "bm414.yaml:19",
                "quiet-evenings",
                "`quiet-evenings`'s metric's current value is 70 msgs, but its latest check-in "
                "(2026-11-20) says 55 msgs: write `current: 55` in its metric, or check in "
                "today's value (`backmap checkin quiet-evenings --current N`)",
            ),
        ],
    ),
    "BM501": (
        "bm501",
        {},
        [
            (
                f"bm501.yaml:{line}",
                goal,
                f"goal `{goal}` rests on a single initiative, `quiet-hours`: if it stalls, "
                "nothing else moves the goal",
            )
            for line, goal in ((9 + 4 * i, f"g{i + 1}") for i in range(7))
        ]
        + [
            (
                "bm501.yaml:41",
                "rest",
                "goal `rest` rests on a single initiative, `late-messages`: if it stalls, "
                "nothing else moves the goal",
            )
        ],
    ),
    "BM502": (
        "bm501",
        {},
        [
            (
                "bm501.yaml:37",
                "quiet-hours",
                "initiative `quiet-hours` is the only initiative beneath 7 goals, `g1`, `g2`, "
                "`g3`, `g4`, `g5` and 2 more: losing it would leave them unsupported",
            ),
            (
                "bm501.yaml:45",
                "late-messages",
                "initiative `late-messages` is the only initiative beneath goal `rest`: losing "
                "it would leave that goal unsupported",
            ),
        ],
    ),
    "BM601": (
        "bm601",
        {},
        [
            (
                "bm601.yaml:8",
                "respect-off-hours",
                '`respect-off-hours` "respect the OFF HOURS!" says the same as `off-hours` '
                '"Respect off-hours": merge them, or make the titles say how they differ',
            ),
            (
                "bm601.yaml:14",
                "cut-costs-again",
                '`cut-costs-again` "Reduce our cloud costs for storage" says nearly the same '
                'as `cut-costs` "Reduce cloud costs" (86% similar): merge them, or make the '
                "titles say how they differ",
            ),
            (
                "bm601.yaml:20",
                "policy",
                '`policy` "Review hiring policy, interviews, offers and contracts" says nearly '
                'the same as `policies` "Review hiring policies, interviews, offers and '
                'onboarding" (83% similar): merge them, or make the titles say how they differ',
            ),
        ],
    ),
}


def findings(name: str, code: str, **changes: Any) -> Found:
    config = CheckConfig(today=TODAY, select=(code,), **changes)
    result = check(store.load(DATA / name), config)
    return [(f"{Path(f.path).name}:{f.line}", f.node_id, f.message) for f in result.findings]


@pytest.mark.parametrize("code", sorted(FIRES))
def test_rule_fires(code: str) -> None:
    stem, changes, expected = FIRES[code]
    assert findings(f"{stem}.yaml", code, **changes) == expected


@pytest.mark.parametrize("code", sorted(FIRES))
def test_rule_stays_quiet(code: str) -> None:
    stem, changes, _ = FIRES[code]
    assert findings(f"{stem}-quiet.yaml", code, **changes) == []


def test_every_new_rule_is_tested_and_has_its_severity() -> None:
    new = {code for code in RULES if code[2] in "3456"}
    assert new == set(FIRES)
    infos = {"BM404", "BM412", "BM413", "BM501", "BM502", "BM601"}
    for code in new:
        expected = Severity.INFO if code in infos else Severity.WARNING
        assert RULES[code][0].severity is expected, code


def test_ignore_on_a_node_suppresses_only_there() -> None:
    result = check(store.load(DATA / "suppressed.yaml"), CheckConfig(today=TODAY))
    bm302 = {f.node_id: f.suppressed for f in result.findings if f.code == "BM302"}
    assert bm302 == {"calm": True, "focus": False}
    assert [(f.code, f.node_id) for f in result.active() if f.code == "BM302"] == [
        ("BM302", "focus")
    ]
    # The ignore names one rule: BM401 on the same file is untouched.
    assert any(f.code == "BM401" and not f.suppressed for f in result.findings)


def test_select_and_ignore_by_prefix() -> None:
    ws = store.load(DATA / "bm304.yaml")
    config = CheckConfig(today=TODAY, max_open_items=2, select=("BM3",))
    assert {f.code for f in check(ws, config).findings} == {"BM302", "BM304"}
    narrowed = check(ws, config.with_overrides(ignore=("BM302",)))
    assert {f.code for f in narrowed.findings} == {"BM304"}
    structural = check(ws, CheckConfig(today=TODAY, ignore=("BM3", "BM4", "BM5", "BM6", "BM7")))
    assert all(f.code[:3] in ("BM1", "BM2") for f in structural.findings)


def test_backmap_toml_sets_thresholds(tmp_path: Path) -> None:
    for name in ("bm304.yaml", "bm601.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "backmap.toml").write_text(
        '[check]\nselect = ["BM304", "BM601"]\nmax-open-items = 4\nnear-duplicate = 0.85\n'
        "today = 2026-11-22\n"
    )
    config = load_config(tmp_path)
    result = check(store.load(tmp_path), config)
    # Only dana has more than four open items; at 0.85 only the identical titles and the
    # 86% pair remain.
    assert [(f.code, f.node_id) for f in result.findings] == [
        ("BM304", "focus"),
        ("BM601", "respect-off-hours"),
        ("BM601", "cut-costs-again"),
    ]


def test_default_max_open_items_is_eight() -> None:
    assert findings("bm304.yaml", "BM304") == []
    assert len(findings("bm304.yaml", "BM304", max_open_items=4)) == 1


# ---- near duplicates -------------------------------------------------------------------


def test_statement_folds_form_and_drops_filler() -> None:
    assert statement("Respect the OFF-hours!") == ("respect", "off", "hour")
    assert statement("Policies & processes for our classes") == ("policy", "process", "class")
    assert statement("Café déjà vu") == ("cafe", "deja", "vu")
    assert statement("And so on") == ("and", "so", "on")  # only stop words: all kept
    assert statement("...") == ()


def test_near_needs_shared_words_in_much_the_same_order() -> None:
    def pair(a: str, b: str) -> float | None:
        return near(statement(a), statement(b), 0.8)

    assert pair("Reduce stress", "Reduce stress levels") == pytest.approx(0.8)
    assert pair("Hire data engineers", "Hire data scientists") is None
    assert pair("Managers coach engineers weekly", "Engineers coach managers weekly") is None
    assert pair("Respect off-hours", "respect off hours") == 1.0


def test_near_duplicates_do_not_compare_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(400)]
    titles = [(f"n{i}", " ".join(rng.sample(vocabulary, rng.randint(3, 7)))) for i in range(3000)]
    titles += [("copy", titles[0][1]), ("plus-one", titles[1][1] + " extra")]
    calls = 0
    real = similar.near

    def counting(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> float | None:
        nonlocal calls
        calls += 1
        return real(a, b, threshold)

    monkeypatch.setattr(similar, "near", counting)
    pairs = near_duplicates(titles, 0.8)
    assert ("n0", "copy", 1.0) in pairs
    assert any(p[:2] == ("n1", "plus-one") for p in pairs)
    assert calls < len(titles)  # all pairs would be 4.5 million


def brute_force_pairs(titles: list[tuple[str, str]], threshold: float) -> list[Any]:
    """The definition of near_duplicates, comparing every pair."""
    pairs: list[tuple[str, str, float]] = []
    firsts: list[tuple[str, tuple[str, ...]]] = []
    group: dict[tuple[str, ...], str] = {}
    for node_id, title in titles:
        words = statement(title)
        if not words:
            continue
        if words in group:
            pairs.append((group[words], node_id, 1.0))
            continue
        group[words] = node_id
        for other_id, other in firsts:
            mine, theirs = set(words), set(other)
            if len(mine - theirs) > 1 or len(theirs - mine) > 1:
                continue
            score = near(other, words, threshold)
            if score is not None:
                pairs.append((other_id, node_id, score))
        firsts.append((node_id, words))
    return pairs


WORDS = ["reduce", "Reduce", "costs", "cost", "cloud", "the", "for", "hire", "data", "team"]
WORDS += ["engineers", "off-hours", "off", "hours", "policies", "policy", "!", "and", "x"]
titles = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join),
    st.text(plain, max_size=12).filter(str.strip),
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(titles, max_size=25), st.sampled_from([0.3, 0.5, 0.7, 0.8, 0.9, 1.0]))
def test_near_duplicates_agree_with_brute_force(found: list[str], threshold: float) -> None:
    items = [(f"n{i}", title) for i, title in enumerate(found)]
    assert near_duplicates(items, threshold) == brute_force_pairs(items, threshold)


# ---- random workspaces -----------------------------------------------------------------

people = st.sampled_from(["dana", "Dana ", "lior", "", " ", "maya\tlevi"])
metrics = st.builds(
    Metric,
    name=st.sampled_from(["users", "churn\nrate"]),
    unit=st.none() | st.sampled_from(["%", "ms", " "]),
    baseline=st.none() | st.integers(-3, 3),
    target=st.none() | st.integers(-3, 3),
    current=st.none() | st.integers(-3, 3) | st.floats(-3, 3),
)


@st.composite
def workspaces(draw: st.DrawFn) -> Workspace:
    """Small random maps with loops, self-links, repeated and unknown links, kinds in any order."""
    kinds = draw(st.lists(st.sampled_from(list(Kind)), max_size=16))
    ids = [f"n{i}" for i in range(len(kinds))]
    nodes = []
    for node_id, kind in zip(ids, kinds, strict=True):
        supports = draw(st.lists(st.sampled_from([*ids, "ghost"]), max_size=3))
        nodes.append(
            Node(
                id=node_id,
                kind=kind,
                title=draw(titles),
                supports=supports,
                owner=draw(st.none() | people),
                sub_owner=draw(st.none() | people),
                status=draw(st.none() | st.sampled_from(list(Status))),
                progress=draw(st.none() | st.integers(0, 100) | st.floats(0, 100)),
                due=draw(st.none() | st.dates(date(2026, 10, 1), date(2027, 2, 1))),
                metric=draw(st.none() | metrics),
                ignore=draw(st.lists(st.sampled_from(["BM302", "BM501", "BM601"]), max_size=2)),
            )
        )
    path = Path("x.yaml")
    return Workspace(path, {path: MapFile(backmap=1, title="Random", nodes=nodes)})


configs = st.builds(
    CheckConfig,
    max_open_items=st.integers(1, 3),
    near_duplicate=st.sampled_from([0.1, 0.5, 0.8, 1.0]),
    today=st.just(TODAY),
)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces(), configs)
def test_no_rule_raises_on_any_map(ws: Workspace, config: CheckConfig) -> None:
    result = check(ws, config)
    for finding in result.findings:
        assert finding.code in RULES
        assert finding.node_id in ws
        assert "\n" not in finding.message
        assert finding.suppressed == (finding.code in ws.node(finding.node_id).ignore)


def initiatives_beneath(ws: Workspace, node_id: str) -> set[str]:
    """Every initiative beneath a node, by a plain search of the raw `supports` lists; dropped
    items, and what lies beneath only through them, do not count."""
    children: dict[str, set[str]] = {n.id: set() for n in ws.nodes()}
    for node in ws.nodes():
        if node.status is Status.DROPPED:
            continue
        for parent in node.supports:
            if parent in children and parent != node.id:
                children[parent].add(node.id)
    seen: set[str] = set()
    todo = [node_id]
    while todo:
        for child in children[todo.pop()] - seen:
            seen.add(child)
            todo.append(child)
    return {n for n in seen - {node_id} if ws.node(n).kind is Kind.INITIATIVE}


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_fragility_agrees_with_brute_force(ws: Workspace) -> None:
    result = check(ws, CheckConfig(today=TODAY, select=("BM5",)))
    goals = [n.id for n in ws.nodes() if n.kind is Kind.GOAL]
    sole = {g: next(iter(b)) for g in goals if len(b := initiatives_beneath(ws, g)) == 1}
    assert [f.node_id for f in result.findings if f.code == "BM501"] == sorted(sole)
    holds: dict[str, list[str]] = {}
    for goal, initiative in sole.items():
        holds.setdefault(initiative, []).append(goal)
    bm502 = {f.node_id: f.message for f in result.findings if f.code == "BM502"}
    assert set(bm502) == set(holds)
    for initiative, held in holds.items():
        if len(held) == 1:
            assert f"beneath goal `{held[0]}`:" in bm502[initiative]
        else:
            listed = ", ".join(f"`{g}`" for g in held[:5])
            assert f"beneath {len(held)} goals, {listed}" in bm502[initiative]


def test_initiative_under_an_initiative_counts_the_same_on_and_off_a_cycle() -> None:
    # BM104 reports a node that supports an initiative, but the map still rolls up: the
    # initiative beneath an initiative counts as beneath the goal whether or not a cycle
    # sits above (the graph once searched on a cycle and stopped at initiatives elsewhere).
    def sole(*extra: Node) -> str | None:
        nodes = [
            Node(id="g", kind=Kind.GOAL, title="Goal", supports=["g2"] if extra else []),
            *extra,
            Node(id="x", kind=Kind.INITIATIVE, title="X", supports=["g"]),
            Node(id="y", kind=Kind.INITIATIVE, title="Y", supports=["x"]),
        ]
        ws = Workspace(Path("x.yaml"), {Path("x.yaml"): MapFile(backmap=1, title="T", nodes=nodes)})
        return check(ws, CheckConfig(select=("BM0",))).graph.sole_initiative["g"]

    loop = Node(id="g2", kind=Kind.GOAL, title="Goal 2", supports=["g"])
    assert sole() == sole(loop)


def test_a_name_written_with_two_spaces_is_the_same_person_to_the_rules(tmp_path: Path) -> None:
    """As filters and `plan` read names (people.model.fold): runs of spaces make no new person."""
    (tmp_path / "map.yaml").write_text(
        "backmap: 1\ntitle: T\nnodes:\n"
        "  - id: calm\n    kind: outcome\n    title: Calm\n"
        "  - id: quiet\n    kind: initiative\n    title: Quiet hours\n    supports: [calm]\n"
        "    status: active\n    owner: Dana  Lee\n    sub_owner: dana lee\n"
    )
    result = check(store.load(tmp_path / "map.yaml"))
    assert "BM303" in {f.code for f in result.active()}
