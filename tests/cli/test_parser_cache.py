"""The parser is built once per process: in-process runs of `main()` do not pay for it again."""

from __future__ import annotations

import argparse

import pytest

from backmap import cli
from backmap.cli import parser as parser_module


def test_main_builds_the_parser_once_per_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[argparse.ArgumentParser] = []
    real = parser_module.build_parser

    def counted(module: str | None = None) -> argparse.ArgumentParser:
        built.append(real(module))
        return built[-1]

    monkeypatch.setattr(parser_module, "build_parser", counted)
    parser_module._built.cache_clear()
    try:
        for _ in range(3):
            assert cli.main(["schema"]) == 0
    finally:
        parser_module._built.cache_clear()
    assert len(built) == 1
    assert capsys.readouterr().out.count('"$schema"') == 3


def test_runs_share_no_list_value() -> None:
    _, first = parser_module.parse(["add", "goal", "Calm"])
    first.supports.append("rest")
    _, second = parser_module.parse(["add", "goal", "Calm"])
    assert second.supports == []
