"""``run`` limits glibc's malloc arenas before its threads start, unless the operator did."""

from __future__ import annotations

import ctypes
import sys

import pytest

from wp2bot.adapters import process_memory
from wp2bot.adapters.process_memory import limit_malloc_arenas


def glibc() -> bool:
    try:
        return sys.platform.startswith("linux") and hasattr(
            ctypes.CDLL(None), "gnu_get_libc_version"
        )
    except OSError:
        return False


@pytest.mark.skipif(not glibc(), reason="glibc's mallopt only")
def test_glibc_takes_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True


def test_the_operators_setting_is_left_to_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False


def test_another_platform_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setattr(process_memory.sys, "platform", "darwin")
    assert limit_malloc_arenas() is False
