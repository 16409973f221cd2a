"""Hand memory the server freed back to the system (glibc's malloc only).

Streamlit runs each session in threads of its own, and glibc gives threads
their own heaps ("arenas") that it rarely returns: with the 100,000-article
tables, each browser session left 250-300 MB behind in the server even after
it closed. Fewer arenas and a trim after each run keep the server near the
memory it really uses. Elsewhere (macOS, Windows, musl) these do nothing."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


@lru_cache(maxsize=1)
def glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # noqa: B018 - only glibc has it
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


@lru_cache(maxsize=1)
def limit_arenas(count: int = 2) -> bool:
    """At most `count` malloc arenas from now on (once per process)."""
    libc = glibc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, count))


def trim() -> bool:
    """Return the free memory at the top of every arena to the system."""
    libc = glibc()
    return bool(libc is not None and libc.malloc_trim(0))
