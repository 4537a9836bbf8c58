"""What one request comes to: the ``Reply`` a handler picks (from ``answers``) and its ``Outcome``.

``handlers.respond`` renders a ``Reply`` (through ``speech``) and records its outcome with ``record``; the
catch-all records its own. ``runtime`` reads the recorded outcome for the request's log line and metrics.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """How a request ended, as the log line and the metrics count it (a str: written as its value)."""

    ANSWERED = "answered"
    EMERGENCY = "emergency"  # the full 911 response
    FALLBACK = "fallback"  # not understood
    ERROR = "error"  # something broke, or the configuration refuses to serve
    ENDED = "ended"  # a request that takes no speech (session ended, skill events)
    FORGOTTEN = "forgotten"  # "forget me" done
    REFUSED = "refused"  # a request for another skill


OUTCOME = "outcome"  # request attributes: this request's ``Outcome``
TOPIC = "topic"  # request attributes: the content topic id answered, if any (never what was said)


def record(handler_input: Any, outcome: Outcome, topic: str | None = None) -> None:
    """Note how this request ended, for the wrapper's log line (``runtime``)."""
    handler_input.attributes_manager.request_attributes.update({OUTCOME: outcome, TOPIC: topic})


def recorded(request_attributes: dict[str, Any]) -> Outcome | None:
    """The outcome a handler recorded, or None."""
    value = request_attributes.get(OUTCOME)
    return Outcome(value) if isinstance(value, str) and value in Outcome.__members__.values() else None


class Reply:
    """What the skill says: rendered by ``to_ssml``/``to_card`` and nowhere else."""

    __slots__ = (
        "speech",
        "reprompt",
        "card_title",
        "card_text",
        "end_session",
        "outcome",
        "topic",
        "attributes",
        "understood",
        "ref",
        "fills",
    )

    def __init__(
        self,
        speech: str,
        reprompt: str | None = None,
        card_title: str | None = None,
        card_text: str | None = None,
        end_session: bool = False,
        outcome: Outcome = Outcome.ANSWERED,
        topic: str | None = None,
        attributes: dict[str, Any] | None = None,
        understood: bool = False,
        ref: dict[str, Any] | None = None,
        fills: dict[str, str] | None = None,
    ) -> None:
        self.speech = speech
        self.reprompt = reprompt
        self.card_title = card_title
        self.card_text = card_text
        self.end_session = end_session
        self.outcome = outcome
        self.topic = topic
        self.attributes = {} if attributes is None else attributes
        # The skill confidently understood what was asked. Only such a reply may skip the 911 opener
        # ("911 unless sure"): the default is not understood.
        self.understood = understood
        # How "repeat" builds this reply again: a reference into the content (``answers.rebuild``), never
        # its words. None: not remembered (the fallback, errors, emergencies, a repeat of nothing).
        self.ref = ref
        # Text for the placeholders of ``TEXT_FILLS`` in the speech and reprompt ({"offer": "..."}).
        self.fills = {} if fills is None else fills

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Reply({fields})"
