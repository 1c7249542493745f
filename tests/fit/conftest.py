"""Fit tests run offline: any attempt to open a network connection fails the test.

Vectors are cached in a temporary folder shared by the session, never in the user's cache."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def vector_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("backmap-cache")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, vector_cache: Path) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("fit tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("BACKMAP_CACHE_DIR", str(vector_cache))
    yield
