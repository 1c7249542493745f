"""What `fit` asks of a sentence encoder, and where an installed model package lives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Notice = Callable[[int], None]
"""Called with the number of texts before a long encoding, so a front end can say why it waits."""


class Encoder(Protocol):
    """Turns texts into unit-length row vectors."""

    name: str

    def encode(self, texts: Sequence[str], notice: Notice | None = None) -> NDArray[np.float32]:
        """One row per text; `notice` hears of an encoding long enough to announce."""
        ...


def package_dir(name: str) -> Path | None:
    """The folder of an installed package, found without importing it."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
