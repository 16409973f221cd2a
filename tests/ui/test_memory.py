"""The server gives freed memory back between reruns where malloc is glibc's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui import memory

ROOT = Path(__file__).resolve().parents[2]


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


# Keyword arguments Streamlit keeps with a widget or a download button.
KEPT_BY_STREAMLIT = ("format_func", "on_change", "on_click", "on_select", "data")
PAGE_SCRIPTS = ["Overview.py", *sorted(p.name for p in (ROOT / "pages").glob("*.py"))]


def script_functions(tree: ast.Module) -> set[str]:
    return {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_no_widget_keeps_a_page_scripts_tables_alive(script: str) -> None:
    """A widget keeps its callbacks (format_func, on_change...) in the session
    until the session ends, and a function made in a page script holds that
    script's globals: every filtered table of the run. One such lambda on the
    Overview kept 170 MB per browser session on the 100,000-article tables.
    Functions handed to Streamlit come from the ui package instead."""
    path = ROOT / script if script == "Overview.py" else ROOT / "pages" / script
    tree = ast.parse(path.read_text(encoding="utf-8"))
    local = script_functions(tree)
    offenders = [
        f"{script}:{kw.value.lineno} {kw.arg}="
        for call in ast.walk(tree) if isinstance(call, ast.Call)
        for kw in call.keywords if kw.arg in KEPT_BY_STREAMLIT
        if isinstance(kw.value, ast.Lambda) or (isinstance(kw.value, ast.Name) and kw.value.id in local)
    ]
    assert not offenders, offenders
