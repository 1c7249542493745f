"""What a map teaches about its own wording: a ridge map from initiative vectors to the vectors
of the goals they serve, kept current by low-rank updates as the map is edited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

REFRESH = 4
"""After updates touching this many times the map's rows, the sums are recomputed in full
(rank updates accumulate rounding)."""


class Wording:
    """W minimising |XW - Y|^2 + prior |W - I|^2, for rows x (an initiative's vector) and y
    (the unit mean of the vectors of the places it serves). With few rows W stays close to
    the identity: the prior counts as `prior` initiatives that say "keep the query as it is"."""

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self._x: Any = None
        self._y: Any = None
        self._xtx: Any = None
        self._xty: Any = None
        self._touched = 0
        self._solved: NDArray[np.float32] | None = None

    def learn(self, x: NDArray[np.float32], y: NDArray[np.float32]) -> NDArray[np.float32] | None:
        """W for these rows (zero rows count for nothing); None when there is nothing to learn.
        Rows that equal the last call's are not summed again, so an edit costs its rows. The
        arrays are kept, not copied: pass new ones each time, never change them afterwards."""
        import numpy as np

        if self._x is None or self._x.shape[1] != x.shape[1] or len(x) < len(self._x):
            self._full(x, y)
        else:
            old_x, old_y = self._grown(self._x, len(x)), self._grown(self._y, len(y))
            changed = np.flatnonzero((old_x != x).any(axis=1) | (old_y != y).any(axis=1))
            if not len(changed) and self._solved is not None:
                return self._solved
            self._touched += len(changed)
            if self._touched > REFRESH * len(x) or len(changed) > len(x) // 4:
                self._full(x, y)
            else:
                nx, ny = x[changed].astype(np.float64), y[changed].astype(np.float64)
                ox, oy = old_x[changed].astype(np.float64), old_y[changed].astype(np.float64)
                self._xtx += nx.T @ nx - ox.T @ ox
                self._xty += nx.T @ ny - ox.T @ oy
                self._x, self._y = x, y
        # The trace of X^T X counts the unit rows: no initiative under a place, nothing to learn.
        if self.prior <= 0 or np.trace(self._xtx) < 0.5:
            self._solved = None
            return None
        eye = self.prior * np.eye(x.shape[1])
        self._solved = np.linalg.solve(self._xtx + eye, self._xty + eye).astype(np.float32)
        return self._solved

    def _full(self, x: NDArray[np.float32], y: NDArray[np.float32]) -> None:
        import numpy as np

        rows = np.flatnonzero(x.any(axis=1))
        # Products in float32 (twice as fast; unit rows keep the sums well within its range),
        # kept in float64 so that later updates do not drift.
        xs, ys = x[rows], y[rows]
        self._xtx = (xs.T @ xs).astype(np.float64)
        self._xty = (xs.T @ ys).astype(np.float64)
        self._x, self._y = x, y
        self._touched = 0

    @staticmethod
    def _grown(rows: Any, size: int) -> Any:
        """`rows` padded with zero rows to `size` (slots added since the last call)."""
        import numpy as np

        if len(rows) == size:
            return rows
        out = np.zeros((size, rows.shape[1]), dtype=rows.dtype)
        out[: len(rows)] = rows
        return out
