"""The tests' fakes, in one place: a store that always fails, a clock that stands still, and a learned
screen that hears the same danger in everything.

The working in-memory store is the function's own (``itb_skill.memory.stores.MemoryStore``: tools use it
too); hand any of these to the skill factory (``create_skill(config, store, clock)``).
"""

from __future__ import annotations

from itb_skill.memory.stores import StorageError


class BrokenStore:
    """A profile store on which every call fails, the way an outage or a bug would; ``calls`` lists what
    was asked of it, in order."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error if error is not None else StorageError("dynamodb load failed: ServiceUnavailable")
        self.calls: list[str] = []

    def _fail(self, name: str) -> None:
        self.calls.append(name)
        raise self.error

    def load(self, key):
        self._fail("load")

    def save(self, key, profile):
        self._fail("save")

    def delete(self, key):
        self._fail("delete")


class FakeClock:
    """Epoch seconds that move only when a test sets ``now``."""

    def __init__(self, now: float = 1_800_000_000) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def scoring(danger: float):
    """A stand-in for ``learned.score`` that hears ``danger`` (not a crisis) in any text: for the rules that
    hold the learned screen back, whatever the real weights score."""
    from itb_skill.safety import learned

    return lambda text, explain=False: learned.Score(danger, False, 0.0, ())
