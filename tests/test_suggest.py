"""One "did you mean" for the whole core: as good as difflib, at a bounded cost per word."""

from __future__ import annotations

import difflib

from backmap.suggest import SHORTLIST, SMALL, Suggester, did_you_mean

IDS = [f"goal-{i:05d}" for i in range(10_000)] + [f"task-{i:05d}" for i in range(10_000)]


def test_small_lists_get_difflibs_answer() -> None:
    names = ["happy", "less-stress", "focus", "off-hours", "async-updates"]
    for word in ["hapy", "focsu", "stress", "async", "zzz", "off-hour"]:
        close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        assert did_you_mean(word, names) == (close[0] if close else None)


def test_large_lists_still_find_the_typo() -> None:
    suggest = Suggester([*IDS, "happy", "customer-trust"])
    assert suggest("gaol-00042") == "goal-00042"
    assert suggest("taks-09999") == "task-09999"
    assert suggest("hapy") == "happy"
    assert suggest("custmer-trust") == "customer-trust"
    assert suggest("zzzzzzzz") is None


def test_each_word_compares_a_short_list_only() -> None:
    suggest = Suggester(IDS)
    assert len(IDS) > SMALL
    assert 0 < len(suggest._shortlist("goal-0004")) <= SHORTLIST
    # The same word again is answered from the cache.
    assert suggest("gaol-00042") is suggest("gaol-00042")
