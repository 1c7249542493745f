"""The map's data: nodes, map files and the workspace that joins them, as pydantic v2 models."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

if TYPE_CHECKING:
    from backmap.people.focus import Focus
    from backmap.people.model import People
    from backmap.store.stored import Stored

# Re-exported: most code takes the vocabulary from the model.
from backmap.text import slugify
from backmap.vocabulary import ID_MAX as ID_MAX
from backmap.vocabulary import KIND_RANK as KIND_RANK
from backmap.vocabulary import Kind as Kind
from backmap.vocabulary import Status as Status

FORMAT_VERSION = 1
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")

# Rule codes look like BM101; kept loose here so the checks can grow without a format change.
RuleCode = Annotated[StrictStr, Field(pattern=r"^BM[0-9]{3}$")]
Number = StrictInt | StrictFloat
NUMBER_LIMIT = 10**15
"""Metric values stay within +-10^15: far beyond any real measure, and safe for float arithmetic."""
Measure = Annotated[Number, Field(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)]
# Text that would drive a terminal or break an SVG has no place in a map: C0 controls other than
# tab, line feed and carriage return, DEL, C1 controls, and the non-characters U+FFFE and U+FFFF.
# Written with escapes, so the pattern reads the same to pydantic, Python and JSON Schema.
CONTROL_CHARACTERS = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF"
"""A regex character range of what map text may not hold (used by the loader's messages too)."""
PLAIN_PATTERN = rf"^[^{CONTROL_CHARACTERS}]*$"
Plain = Annotated[StrictStr, Field(pattern=PLAIN_PATTERN)]
Text = Annotated[StrictStr, Field(min_length=1, pattern=PLAIN_PATTERN)]
LINE_BREAKS = r"\n\r\u2028\u2029"
NAME_PATTERN = rf"^[^{CONTROL_CHARACTERS}{LINE_BREAKS}]*$"
Name = Annotated[StrictStr, Field(pattern=NAME_PATTERN)]
"""A person or a tag: text on one line (a line break would split every row that shows it)."""


def is_valid_id(value: str) -> bool:
    """Whether `value` is a node id: a lowercase slug of at most 64 characters."""
    return len(value) <= ID_MAX and ID_RE.fullmatch(value) is not None


def check_id(value: str) -> str:
    """Validate one id, with a message that says what a good one looks like."""
    if not is_valid_id(value):
        if len(value) > ID_MAX:
            raise ValueError(f"id {value!r} is longer than {ID_MAX} characters")
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits and '-', "
            f"starting with a letter or digit (e.g. {slugify(value)!r})"
        )
    return value


Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=ID_MAX)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        # The fields' docstrings document the JSON Schema, where schema.schema() reads them:
        # use_attribute_docstrings would read the source at every start (~40 ms).
        validate_assignment=True,
        allow_inf_nan=False,
        # Validators are built on first use, not at import: loading a map that is plainly
        # valid needs none (store.typed), and building them costs some 70 ms.
        defer_build=True,
    )


class Metric(_Strict):
    """A measurable sign of progress: where it started, where it should get, where it is."""

    name: Text
    """What is measured, e.g. 'after-hours messages per week'."""
    unit: Plain | None = None
    """Unit of the numbers, e.g. 'msgs' or '%'."""
    baseline: Measure | None = None
    """The value when the work started."""
    target: Measure | None = None
    """The value that means the goal is reached."""
    current: Measure | None = None
    """The latest measured value."""


class Node(_Strict):
    """One item of the map: an outcome, a goal or an initiative."""

    id: Id
    """Unique across the workspace: lowercase letters, digits and '-', at most 64 characters."""
    kind: Kind
    """outcome (an ideal end state), goal (what brings it about) or initiative (what people do)."""
    title: Text
    """A short statement, e.g. 'Reduce stress' or 'Respect off-hours'."""
    description: Plain | None = None
    """Longer text: why, how, what done looks like."""
    supports: list[Id] = Field(default_factory=list)
    """The ids this node serves; edges point up, toward the outcomes."""
    owner: Name | None = None
    """The person who carries this item."""
    sub_owner: Name | None = None
    """The second person who can carry it when the owner is away."""
    personal: StrictBool | None = None
    """A goal that is one person's own development (true): shown in their plan, never counted
    in the map's coverage; it may support a business goal or stand alone."""
    status: Status | None = None
    """idea, planned, active, done or dropped."""
    progress: Annotated[Number, Field(ge=0, le=100)] | None = None
    """How far along, from 0 to 100."""
    due: date | None = None
    """When it should be reached, as YYYY-MM-DD."""
    metric: Metric | None = None
    """A measurable sign of progress."""
    tags: list[Name] = Field(default_factory=list)
    """Free labels for grouping and filtering."""
    links: list[Plain] = Field(default_factory=list)
    """Where to read more: tickets, documents, dashboards."""
    paths: list[Plain] = Field(default_factory=list)
    """Code or docs this initiative covers, as CODEOWNERS patterns (e.g. src/billing/): its
    owner and sub_owner review changes there (backmap export -f codeowners)."""
    ignore: list[RuleCode] = Field(default_factory=list)
    """Check rules not to report on this node, e.g. [BM201]."""
    checkins: Plain | None = None
    """Dated check-ins, one a line, oldest first: `2026-11-30 progress=40 health=on-track`
    (read and written by backmap.checkins; the node's progress and metric.current mirror the
    latest)."""


# The canonical order of a node's keys on disk.
NODE_FIELDS: tuple[str, ...] = tuple(Node.model_fields)
METRIC_FIELDS: tuple[str, ...] = tuple(Metric.model_fields)


class MapFile(_Strict):
    """One YAML file of a workspace."""

    backmap: Literal[1]
    """Format version; this backmap reads and writes version 1."""
    title: Text
    """What the map is about, e.g. 'The ideal data-science group'."""
    description: Plain | None = None
    """Why this map exists."""
    nodes: list[Node] = Field(default_factory=list)
    """Outcomes, goals and initiatives, in the order people put them."""


MAP_FIELDS: tuple[str, ...] = tuple(MapFile.model_fields)
_ID_OF = attrgetter("id")

M = TypeVar("M", bound=BaseModel)


def copied(model: M, update: Mapping[str, Any], unset: Iterable[str] = ()) -> M:
    """`model.model_copy(update=update)`, made directly: pydantic's own copy goes through
    `__copy__` and its checks, several times the cost, for every node of a large map. The
    fields of `unset` are then not set, as when a file does not give them."""
    copy = object.__new__(type(model))
    given = model.__pydantic_fields_set__ | update.keys()
    if unset:
        given = given.difference(unset)
    object.__setattr__(copy, "__dict__", {**model.__dict__, **update})
    object.__setattr__(copy, "__pydantic_fields_set__", given)
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


class Workspace:
    """The map files people work on together, with one id space across all of them."""

    def __init__(self, root: Path, files: dict[Path, MapFile] | None = None) -> None:
        self.root = root
        """The file or folder the workspace was opened from."""
        self.files: dict[Path, MapFile] = dict(files or {})
        """Map files by path, in the order they were found."""
        self.stored: Stored | None = None
        """What the store keeps about these files (None until loaded or saved); opaque here."""
        self.people: People | None = None
        """Who the people are, from the optional people file (None: owners are free text)."""
        self.focus: Focus | None = None
        """Focus items and lessons by period, from the optional focus file."""
        self.title: str | None = None
        """The workspace's own title (`title` in backmap.toml); None: see `name`."""
        self._where: dict[str, Path] = {}
        self._nodes: dict[str, Node] = {}
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the id index; the first file wins when an id repeats (load refuses that)."""
        where: dict[str, Path] = {}
        nodes: dict[str, Node] = {}
        count = 0
        # Built in C (map, zip, dict.update): at 100k nodes a Python loop here costs a tenth of
        # a second. A repeated id would let a later node win, so then the loop decides.
        for path, mapfile in self.files.items():
            ids = list(map(_ID_OF, mapfile.nodes))
            nodes.update(zip(ids, mapfile.nodes, strict=True))
            where.update(dict.fromkeys(ids, path))
            count += len(ids)
        if len(nodes) != count:
            where, nodes = {}, {}
            for path, mapfile in self.files.items():
                for node in mapfile.nodes:
                    if node.id not in nodes:
                        where[node.id] = path
                        nodes[node.id] = node
        self._where, self._nodes = where, nodes

    @property
    def by_id(self) -> Mapping[str, Node]:
        """Every node by id (read-only: change nodes through edits)."""
        return self._nodes

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def nodes(self) -> Iterator[Node]:
        """Every node, file by file, in file order."""
        # chain, not a generator: every rule walks every node, and chain's steps cost no frame.
        return chain.from_iterable(mapfile.nodes for mapfile in self.files.values())

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""
        return self._nodes.get(node_id)

    def node(self, node_id: str) -> Node:
        """The node with this id; KeyError when there is none."""
        return self._nodes[node_id]

    def file_of(self, node_id: str) -> Path:
        """The file a node lives in."""
        return self._where[node_id]

    def index_of(self, node_id: str) -> int:
        """Position of a node within its file."""
        for i, node in enumerate(self.files[self._where[node_id]].nodes):
            if node.id == node_id:
                return i
        raise KeyError(node_id)

    def name(self) -> str:
        """What exports call the workspace: its own title, else the title of its one file,
        else of the one file holding its outcomes (the top map the others serve), else its
        folder's name made readable ('team-plans' -> 'Team plans')."""
        if self.title:
            return self.title
        if not self.files:
            return "Backwards map"
        top = self._top_file()
        if top is not None:
            return top.title
        folder = self.root if self.root.is_dir() else self.root.parent
        folder = folder.resolve()
        # `maps/` is where backmap looks by default: the project around it names the plan.
        if folder.name.lower() in ("maps", "map") and folder.parent.name:
            folder = folder.parent
        words = " ".join(folder.name.replace("_", " ").replace("-", " ").split())
        return words[:1].upper() + words[1:] if words else "Backwards map"

    def named_after_folder(self) -> bool:
        """Whether `name()` is made from the folder's name (no title says it)."""
        return not self.title and bool(self.files) and self._top_file() is None

    def _top_file(self) -> MapFile | None:
        """The only file, or the only one of several that holds outcomes."""
        if len(self.files) == 1:
            return next(iter(self.files.values()))
        tops = [f for f in self.files.values() if any(n.kind is Kind.OUTCOME for n in f.nodes)]
        return tops[0] if len(tops) == 1 else None

    def copy(self) -> Workspace:
        """A copy that later edits leave alone, safe to read from another thread. Cheap: edits
        replace nodes rather than change them, so only the lists and indexes are copied."""
        twin = Workspace(self.root)
        twin.files = {
            path: mapfile.model_copy(update={"nodes": list(mapfile.nodes)})
            for path, mapfile in self.files.items()
        }
        twin.stored = self.stored.copy() if self.stored is not None else None
        twin.title = self.title
        twin._where, twin._nodes = dict(self._where), dict(self._nodes)
        twin.people, twin.focus = self.people, self.focus
        return twin

    def ids(self) -> list[str]:
        """All ids, in file order."""
        return [node.id for node in self.nodes()]

    # Primitive changes; edits.py builds undoable commands from these three.
    def insert(self, path: Path, index: int, node: Node) -> None:
        """Put `node` at `index` in the file at `path`."""
        self.files[path].nodes.insert(index, node)
        self._where[node.id] = path
        self._nodes[node.id] = node

    def delete(self, node_id: str) -> tuple[Path, int, Node]:
        """Take a node out; returns where it was so it can be put back."""
        index = self.index_of(node_id)
        path = self._where.pop(node_id)
        del self._nodes[node_id]
        node = self.files[path].nodes.pop(index)
        return path, index, node

    def replace(self, node_id: str, node: Node) -> Node:
        """Swap a node for a new version (which may have a new id); returns the old one."""
        index = self.index_of(node_id)
        path = self._where.pop(node_id)
        del self._nodes[node_id]
        old = self.files[path].nodes[index]
        self.files[path].nodes[index] = node
        self._where[node.id] = path
        self._nodes[node.id] = node
        return old
