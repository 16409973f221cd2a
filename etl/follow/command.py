"""`python -m etl follow`: the feeds file read, the follower started, and a
stop (Ctrl-C, SIGTERM) turned into a clean exit.

SIGTERM is made to raise, like Ctrl-C, so that whatever a pass is doing
unwinds through the build's clean-up (staged parts deleted; the renames that
publish a pass are held until done, see etl.batches.signals_held)."""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from etl.follow.feedlist import read_feeds
from etl.follow.passes import Follower, Settings, follow
from etl.inputs import InputError


class Stopped(BaseException):
    """SIGTERM, raised where the process is, as KeyboardInterrupt is for Ctrl-C."""


def stop(number: int, frame: FrameType | None) -> None:
    raise Stopped(number)


def run_follow(args: argparse.Namespace) -> int:
    feeds, problems = read_feeds(args.feeds)
    log = None if args.quiet else sys.stderr
    for problem in problems:
        if log:
            print(f"warning: {problem}", file=log)
    if not feeds:
        raise InputError(f"{args.feeds}: no feed URLs to follow")
    if args.timeout <= 0 or args.host_delay < 0:
        raise InputError("--timeout must be above 0 and --host-delay 0 or more")
    settings = Settings(timeout=args.timeout, host_delay=args.host_delay, allow_private=args.allow_private_urls)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return follow(Follower(feeds, args.out, settings, log, problems), args.every, args.once)
    except (KeyboardInterrupt, Stopped) as err:
        number = err.args[0] if isinstance(err, Stopped) else signal.SIGINT
        print(f"stopped by {signal.Signals(number).name}; {args.out} holds every pass that completed",
              file=sys.stderr)
        return 128 + number
    finally:
        signal.signal(signal.SIGTERM, previous)
