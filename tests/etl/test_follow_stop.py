"""A follower stopped in the middle of writing a pass (SIGTERM, as a service
manager sends, or SIGKILL, which no program can catch) leaves the tables of
the last complete pass, readable; the next run carries on from there."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store
from etl.batches import signals_held
from etl.build import TABLE_NAMES, build
from etl.cli import main
from tests.etl.conftest import FeedServer, rss
from tests.helpers import ROOT

SENTENCES = ["Russia and Iran signed a treaty in Moscow.", "The EU imposed sanctions on Iran.",
             "Kenya and Uganda signed a pipeline agreement.", "Japan and India held security talks."]
NAMES = (*TABLE_NAMES, "seen")


def many(prefix: str, count: int) -> bytes:
    """A feed of count distinct articles (numbered, so no two texts are the same)."""
    return rss("Wire", [(f"{prefix}-{i}", f"Brief {i}", f"Brief {prefix} {i}. {SENTENCES[i % 4]} {SENTENCES[(i + 1) % 4]}")
                        for i in range(count)])


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: store.read_table(out, name) for name in NAMES}


def wait_for(condition: object, what: str, seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def half_written(out: Path) -> bool:
    """A part being written: hidden until it is renamed into place."""
    return any(out.glob("*.parquet/.part-*.tmp"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_follower_stopped_mid_write_leaves_the_last_complete_tables(
        sig: signal.Signals, feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.serve("/wire", many("a", 30))
    listed, out = tmp_path / "feeds.txt", tmp_path / "tables"
    listed.write_text(feed_server.url("/wire") + "\n", encoding="utf-8")
    follower = subprocess.Popen(
        [sys.executable, "-m", "etl", "follow", "--feeds", str(listed), "--out", str(out), "--every", "1s",
         "--allow-private-urls", "--host-delay", "0"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own process group: the clean-up below ends its workers too
    try:
        wait_for(lambda: (out / "follow.json").exists(), "the first pass")
        before = tables(out)
        assert len(before["articles"]) == 30
        feed_server.serve("/wire", many("b", 1200))  # three batches: parts stay half written for a while
        wait_for(lambda: half_written(out), "the second pass to start writing")
        follower.send_signal(sig)
        follower.wait(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing is left running, whatever failed
            os.killpg(follower.pid, signal.SIGKILL)
        follower.wait()
    after = tables(out)
    for name in NAMES:
        pdt.assert_frame_equal(after[name], before[name], obj=name)
    stderr = follower.stderr.read() if follower.stderr else ""
    if sig == signal.SIGTERM:
        assert follower.returncode == 128 + signal.SIGTERM
        assert stderr.splitlines()[-1] == f"stopped by SIGTERM; {out} holds every pass that completed"
        assert not half_written(out) and not list(out.glob(".staging-*"))
        return
    assert follower.returncode == -signal.SIGKILL and half_written(out)  # left hidden, skipped by readers
    # The next run reads the feed again in full and appends what the killed one had not.
    assert main(["follow", "--feeds", str(listed), "--out", str(out), "--once", "--allow-private-urls",
                 "--host-delay", "0", "--quiet"]) == 0
    (tmp_path / "read").mkdir()
    (tmp_path / "read" / "1.xml").write_bytes(many("a", 30))
    (tmp_path / "read" / "2.xml").write_bytes(many("b", 1200))
    build(tmp_path / "read", tmp_path / "fresh", progress=None)
    for name in NAMES:
        followed, whole = store.read_table(out, name), store.read_table(tmp_path / "fresh", name)
        if name == "articles":
            followed, whole = followed.drop(columns="input_file"), whole.drop(columns="input_file")
        pdt.assert_frame_equal(followed, whole, obj=name)


def test_a_signal_during_the_final_renames_is_held_until_they_are_done(tmp_path: Path) -> None:
    done = []
    with pytest.raises(KeyboardInterrupt):
        with signals_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # delivered now, it would interrupt here
            done.append("renamed")
    assert done == ["renamed"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was
