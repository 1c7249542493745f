"""WordLlama's static `l2_supercat_256` vectors, in plain numpy (optional, never the default:
the `wordllama` package's weight licence is unclear)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.fit.encoder import Encoder, Notice, package_dir

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

STATIC_NAME = "wordllama/l2_supercat_256"


class StaticEncoder:
    """Mean of token vectors, as WordLlama and Model2Vec compute them, in plain numpy."""

    def __init__(self, name: str, table: NDArray[np.float32], tokenizer: object) -> None:
        self.name = name
        self.table = table
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str], notice: Notice | None = None) -> NDArray[np.float32]:
        """One row per text (fast enough that nothing is announced)."""
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(  # type: ignore[attr-defined]
            list(texts), add_special_tokens=False
        )
        top = self.table.shape[0] - 1
        for i, enc in enumerate(encodings):
            ids = np.minimum(np.asarray(enc.ids, dtype=np.int64), top)
            if len(ids):
                out[i] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def _read_safetensors(path: Path, key: str) -> NDArray[np.float32]:
    """One tensor of a .safetensors file: an 8-byte header size, a JSON header, raw data."""
    import numpy as np

    with path.open("rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    meta = header[key]
    dtype = {"F16": np.float16, "F32": np.float32}[meta["dtype"]]
    start, end = meta["data_offsets"]
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size + start, shape=(end - start,))
    return raw.view(dtype).reshape(meta["shape"]).astype(np.float32)


@lru_cache(maxsize=1)
def static_encoder() -> Encoder | None:
    """WordLlama's static model when the optional package is installed, else None."""
    try:
        base = package_dir("wordllama")
        if base is None:
            return None
        weights = base / "weights" / "l2_supercat_256.safetensors"
        vocab = base / "tokenizers" / "l2_supercat_tokenizer_config.json"
        if not (weights.is_file() and vocab.is_file()):
            return None
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(vocab))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return StaticEncoder(STATIC_NAME, _read_safetensors(weights, "embedding.weight"), tokenizer)
    except (ImportError, OSError, KeyError, ValueError):
        return None
