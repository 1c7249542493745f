"""Which sentence encoder `fit` uses: MiniLM by default, WordLlama on request, else none.

The pieces: `encoder` (what an encoder is), `minilm` (the default model on onnxruntime),
`static` (WordLlama, optional), `vector_cache` (vectors kept on disk). When a piece is missing
(onnxruntime, tokenizers, the model package), `default_encoder` returns None and fitting stays
lexical. Nothing here imports numpy or onnxruntime until an encoder is asked for.
"""

from __future__ import annotations

import os
from functools import lru_cache

from backmap.fit.encoder import Encoder
from backmap.fit.minilm import minilm_encoder
from backmap.fit.static import static_encoder


def default_encoder(threads: int | None = None) -> Encoder | None:
    """The default semantic model (MiniLM), or None when it cannot run here; `threads`: how
    many threads encode a map's texts together (None: the cores, at most 4).

    BACKMAP_FIT_ENCODER=lexical turns semantic matching off; =wordllama picks the static
    model when the optional `wordllama` package is installed."""
    return encoder_named(os.environ.get("BACKMAP_FIT_ENCODER", "").strip().lower(), threads)


@lru_cache(maxsize=8)
def encoder_named(choice: str, threads: int | None = None) -> Encoder | None:
    """The encoder a BACKMAP_FIT_ENCODER value picks, made once per value and process (one
    process may run several commands, each with its own environment)."""
    if choice in ("lexical", "none", "off"):
        return None
    if choice == "wordllama":
        return static_encoder()
    return minilm_encoder(threads=threads)
