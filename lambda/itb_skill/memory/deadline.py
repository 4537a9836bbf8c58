"""Run a blocking call for at most a given time: when it is up, the caller goes on, the call is left behind.

botocore's timeouts bound each socket read, not a call: a reply that trickles in a byte at a time keeps
a call open as long as the server likes (tests/slow_endpoint.py). Only a clock around the whole call
bounds it. The call runs on a daemon thread; one that overruns finishes (or fails) on its own later,
and its result is dropped. Callers must therefore pass calls that are safe to leave running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The call was not done in time (or there was no time to start it); its result will be dropped."""


def call_within(seconds: float, function: Callable[[], T]) -> T:
    """``function()``'s result or exception, if it is done within ``seconds``; else ``DeadlineExceeded``."""
    if seconds <= 0:
        raise DeadlineExceeded("no time left to start")
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the caller, who decides
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="itb-deadline", daemon=True).start()
    if not done.wait(seconds):
        raise DeadlineExceeded(f"not done within {seconds:.2f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
