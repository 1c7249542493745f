"""The default semantic encoder (all-MiniLM-L6-v2 on onnxruntime): sane vectors, the on-disk
cache, lazy imports and the lexical fallback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_process

from backmap.fit import FitIndex, Item, embed, fit

minilm = embed.minilm_encoder()
needs_minilm = pytest.mark.skipif(minilm is None, reason="onnxruntime/tokenizers/model missing")


@needs_minilm
def test_paraphrases_are_closer_than_unrelated_texts() -> None:
    assert minilm is not None
    a, b, c, d = minilm.encode(
        [
            "schedule Slack messages for the next morning",
            "send late chat messages the following day instead",
            "A man is playing a guitar.",
            "Someone plays the guitar.",
        ]
    )
    assert abs(float(a @ a) - 1.0) < 1e-4
    assert float(a @ b) > 0.4 > float(a @ c) + 0.2
    assert float(c @ d) > 0.75


@needs_minilm
def test_vectors_are_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKMAP_CACHE_DIR", str(tmp_path))
    first = embed.minilm_encoder()
    assert first is not None
    texts = ["Reduce stress", "Time off is really off", "Effective onboarding"]
    vectors = first.encode(texts)
    assert (tmp_path / "vectors.sqlite3").is_file()
    second = embed.minilm_encoder()
    assert second is not None

    def refuse(texts: list[str]) -> None:
        raise AssertionError(f"re-encoded {texts}")

    monkeypatch.setattr(second, "_run", refuse)
    again = second.encode(list(reversed(texts)))
    assert abs(again[::-1] - vectors).max() < 1e-6


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKMAP_CACHE_DIR", "off")
    assert embed.cache_dir() is None
    monkeypatch.delenv("BACKMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    if sys.platform not in ("win32", "darwin"):
        assert embed.cache_dir() == Path("/somewhere/backmap")


def test_missing_onnxruntime_falls_back_to_lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    real = embed.find_spec
    monkeypatch.setattr(
        embed, "find_spec", lambda name: None if name == "onnxruntime" else real(name)
    )
    assert embed.minilm_encoder() is None
    embed.encoder_named.cache_clear()
    try:
        index = FitIndex.build([Item("calm", "Reduce stress", "goal")])
        answer = fit(index, "less stress at work")
        assert answer.semantic is None
        assert answer.places[0].id == "calm"
    finally:
        embed.encoder_named.cache_clear()


def test_lexical_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKMAP_FIT_ENCODER", "lexical")
    embed.encoder_named.cache_clear()
    try:
        assert embed.default_encoder() is None
    finally:
        embed.encoder_named.cache_clear()


@needs_minilm
def test_each_choice_of_encoder_holds_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that runs several commands (a test run, a script) honours each one's
    BACKMAP_FIT_ENCODER, and makes each encoder once."""
    monkeypatch.delenv("BACKMAP_FIT_ENCODER", raising=False)
    first = embed.default_encoder()
    assert first is not None
    monkeypatch.setenv("BACKMAP_FIT_ENCODER", "lexical")
    assert embed.default_encoder() is None
    monkeypatch.delenv("BACKMAP_FIT_ENCODER")
    assert embed.default_encoder() is first


@needs_minilm
def test_default_is_minilm() -> None:
    index = FitIndex.build([Item("calm", "Reduce stress", "goal")])
    assert index.encoder is not None
    assert "MiniLM" in index.encoder.name


@pytest.mark.parametrize("value", ["1", "abc", "-3", ""])
def test_thread_cap_is_read_without_tracebacks(value: str) -> None:
    # A fresh process: the setting is read when the encoder module is imported.
    result = run_process(
        "fit",
        "weekly paper discussion",
        "--map",
        str(MAPS / "ideal-group.yaml"),
        env={"BACKMAP_FIT_THREADS": value},
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Serves:")


@needs_minilm
def test_a_long_encoding_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = embed.minilm_encoder(cache=False)
    assert encoder is not None
    heard: list[int] = []
    encoder.notice = heard.append
    monkeypatch.setattr(embed, "NOTICE_AT", 3)
    encoder.encode(["one idea", "another idea"])
    assert heard == []
    encoder.encode(["a third idea", "a fourth idea", "a fifth idea", "one idea"])
    assert heard == [3]  # only the texts it has not seen are encoded
