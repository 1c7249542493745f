"""The token vectors that docs/fit.md's late-interaction and pooling rows were measured with
(benchmarks/fit_tokens.py) read MiniLM as `fit` does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from backmap.fit import minilm_encoder

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("fit_tokens", ROOT / "benchmarks" / "fit_tokens.py")
assert _spec is not None and _spec.loader is not None
fit_tokens = importlib.util.module_from_spec(_spec)
sys.modules["fit_tokens"] = fit_tokens
_spec.loader.exec_module(fit_tokens)

needs_model = pytest.mark.skipif(minilm_encoder() is None, reason="onnxruntime/model missing")


def test_content_tokens_leave_out_markers_punctuation_and_stop_words_but_keep_word_pieces() -> None:
    tokens = ["[CLS]", "buddy", "system", "for", "new", "hire", "##s", ",", "[SEP]"]
    assert fit_tokens.content_positions(tokens) == [1, 2, 4, 5, 6]
    # A word piece follows its word: left out with a stop word, kept with a content word.
    assert fit_tokens.content_positions(["[CLS]", "the", "##se", "mentor", "##ing"]) == [3, 4]


@needs_model
def test_pooling_every_token_with_the_title_counted_once_is_minilms_own_vector() -> None:
    encoder = minilm_encoder(cache=False)
    assert encoder is not None
    texts = ["Reduce stress. Fewer messages after six", "buddy system for new hires"]
    pooled = fit_tokens.PooledEncoder(encoder, content=False, title=1.0).encode(texts)
    assert np.allclose((pooled * encoder.encode(texts)).sum(axis=1), 1.0, atol=1e-5)
    # Weighing the title more moves the first vector only (the second has no description).
    titled = fit_tokens.PooledEncoder(encoder, content=False, title=2.0).encode(texts)
    moved = (titled * pooled).sum(axis=1)
    assert moved[0] < 0.9999 and moved[1] > 0.99999


@needs_model
def test_maxsim_scores_a_place_worded_like_the_idea_highest() -> None:
    encoder = minilm_encoder(cache=False)
    assert encoder is not None
    tokens = fit_tokens.TokenVectors(encoder)
    idea = "buddy system for new hires"
    places = fit_tokens.Places(tokens.of(["Reduce stress", idea, "Access to experts"]))
    recall, f1 = places.scores(tokens.of([idea])[0])
    assert recall.argmax() == 1 and f1.argmax() == 1
    assert recall[1] == pytest.approx(1.0, abs=1e-5)
