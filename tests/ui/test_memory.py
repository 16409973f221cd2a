"""The server gives freed memory back between reruns where malloc is glibc's."""

from __future__ import annotations

import pytest

from ui import memory


def test_arenas_are_limited_on_glibc() -> None:
    if memory.glibc() is None:
        pytest.skip("not glibc's malloc: nothing to limit")
    memory.limit_arenas.cache_clear()
    assert memory.limit_arenas() is True


def test_without_glibc_both_are_harmless_no_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "glibc", lambda: None)
    memory.limit_arenas.cache_clear()
    assert memory.limit_arenas() is False and memory.trim() is False
    memory.limit_arenas.cache_clear()
