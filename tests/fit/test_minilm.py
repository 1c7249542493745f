"""The default semantic encoder (all-MiniLM-L6-v2 on onnxruntime): sane vectors, the on-disk
cache, lazy imports and the lexical fallback."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

from backmap.cli.fitting import fit_threads
from backmap.fit import FitIndex, Item, embed, fit, minilm, vector_cache

# MiniLM as every command in this process gets it: its model is loaded once per session.
encoder = embed.encoder_named("", None)  # the key default_encoder() uses
needs_minilm = pytest.mark.skipif(encoder is None, reason="onnxruntime/tokenizers/model missing")


@needs_minilm
def test_paraphrases_are_closer_than_unrelated_texts() -> None:
    assert encoder is not None
    a, b, c, d = encoder.encode(
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
    first = minilm.minilm_encoder()
    assert first is not None
    texts = ["Reduce stress", "Time off is really off", "Effective onboarding"]
    vectors = first.encode(texts)
    assert (tmp_path / "vectors.sqlite3").is_file()
    second = minilm.minilm_encoder()
    assert second is not None

    def refuse(texts: list[str]) -> None:
        raise AssertionError(f"re-encoded {texts}")

    monkeypatch.setattr(second, "_run", refuse)
    again = second.encode(list(reversed(texts)))
    assert abs(again[::-1] - vectors).max() < 1e-6


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKMAP_CACHE_DIR", "off")
    assert vector_cache.cache_dir() is None
    monkeypatch.delenv("BACKMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    if sys.platform not in ("win32", "darwin"):
        assert vector_cache.cache_dir() == Path("/somewhere/backmap")


@pytest.fixture
def fresh_encoders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Encoders are made anew during the test; afterwards the process has its own back (its
    MiniLM, loaded once for the whole session)."""
    made_once = lru_cache(maxsize=8)(embed.encoder_named.__wrapped__)
    monkeypatch.setattr(embed, "encoder_named", made_once)


def test_missing_onnxruntime_falls_back_to_lexical(
    monkeypatch: pytest.MonkeyPatch, fresh_encoders: None
) -> None:
    real = minilm.find_spec
    monkeypatch.setattr(
        minilm, "find_spec", lambda name: None if name == "onnxruntime" else real(name)
    )
    assert minilm.minilm_encoder() is None
    index = FitIndex.build([Item("calm", "Reduce stress", "goal")])
    answer = fit(index, "less stress at work")
    assert answer.semantic is None
    assert answer.places[0].id == "calm"


def test_lexical_can_be_chosen(monkeypatch: pytest.MonkeyPatch, fresh_encoders: None) -> None:
    monkeypatch.setenv("BACKMAP_FIT_ENCODER", "lexical")
    assert embed.default_encoder() is None


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
    # The setting is read when the command runs, so the in-process entry point sees it.
    result = run_cli(
        "fit",
        "weekly paper discussion",
        "--map",
        str(MAPS / "ideal-group.yaml"),
        env={"BACKMAP_FIT_THREADS": value},
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Serves:")


@pytest.mark.parametrize(
    ("value", "cap"), [("1", 1), (" 3 ", 3), ("abc", None), ("-3", None), ("0", None), ("", None)]
)
def test_thread_cap_comes_from_the_command_line_shell(value: str, cap: int | None) -> None:
    assert fit_threads(value) == cap
    assert fit_threads(None) is None


@needs_minilm
def test_threads_are_a_setting_of_each_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKMAP_FIT_THREADS", "1")  # read by the command line only
    one = minilm.minilm_encoder(threads=1)
    assert one is not None and one.threads == 1
    assert embed.default_encoder(threads=2) is not embed.default_encoder(threads=3)
    default = minilm.minilm_encoder()
    assert default is not None and default.threads == minilm.default_threads()


@needs_minilm
def test_a_long_encoding_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = minilm.minilm_encoder(cache=False)
    assert fresh is not None
    heard: list[int] = []
    monkeypatch.setattr(minilm, "NOTICE_AT", 3)
    fresh.encode(["one idea", "another idea"], notice=heard.append)
    assert heard == []
    fresh.encode(["a third idea", "a fourth idea", "a fifth idea", "one idea"], heard.append)
    assert heard == [3]  # only the texts it has not seen are encoded
    fresh.encode(["a sixth idea", "a seventh idea", "an eighth idea"])
    assert heard == [3]  # no listener given: nobody is told, and none is left behind


def test_batches_group_texts_of_similar_length_within_the_token_budget() -> None:
    lengths = [12, 5, 40, 5, 7, 300, 12, 6]
    groups = minilm.batches(lengths, budget=24)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    flat = [i for g in groups for i in g]
    assert flat == sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    for group in groups:
        padded = len(group) * max(lengths[i] for i in group)
        assert padded <= 24 or len(group) == 1
    assert groups == [[1, 3, 7], [4, 0], [6], [2], [5]]


@needs_minilm
def test_a_text_has_the_same_vector_whatever_its_batch() -> None:
    """Batches are padded to their longest text: padding must not move a vector."""
    fresh = minilm.minilm_encoder(cache=False)
    assert fresh is not None
    short = ["Reduce stress", "Effective onboarding"]
    alone = fresh._run(short)
    long = "Time off is really off. " + "Nobody is paged on weekends or holidays. " * 12
    together = fresh._run([long, *short, *(f"idea number {n}" for n in range(40))])
    assert abs(together[1:3] - alone).max() < 1e-5


@needs_minilm
def test_the_process_keeps_one_minilm_whatever_the_tests_before_chose() -> None:
    """The model is loaded once per process (a test session included): the tests above that
    choose other encoders leave the process its own."""
    assert embed.default_encoder() is encoder
