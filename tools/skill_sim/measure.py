"""``skill-sim measure``: a corpus through the whole skill, counted the way the issues count.

For an emergency corpus: how many lines get the full emergency response ("Call 911 now." first, the
session ended, 988 too for ``## crisis``) and how many hear 911 in the first sentence at all. For any
other corpus: how many get the full response (false alarms) and how many the 911 opener.

``--screen rules`` or ``--screen model`` measures one screen alone: this process's ``safety.assess`` is
wrapped to switch the other off (a measuring tool's choice, never the skill's: the skill uses both).

``--nlu virtual-alexa`` resolves with Bespoken's virtual-alexa (npm, ``tools/outside_nlu``) instead of the
simulator's own resolver: an outside, literal-matching NLU, so the model is not judged only by our reading
of it. Its requests are sent to the same ``lambda_handler``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import corpora
from skill_sim import envelope
from skill_sim.simulator import Simulator, Turn, quiet_request_log

OUTSIDE_NLU = corpora.ROOT / "tools" / "outside_nlu"


class OutsideNluMissing(RuntimeError):
    """virtual-alexa is not installed (``make outside-nlu`` installs it with npm)."""


def outside_requests(utterances: list[str], model: Path) -> list[dict | None]:
    """The request virtual-alexa builds for each utterance (None where it built none)."""
    node = shutil.which("node")
    if node is None or not (OUTSIDE_NLU / "node_modules" / "virtual-alexa").is_dir():
        raise OutsideNluMissing("virtual-alexa is not installed: run `make outside-nlu`")
    done = subprocess.run(
        [node, str(OUTSIDE_NLU / "resolve.js"), str(model)],
        input="\n".join(utterances) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    found = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    by_utterance = {item["utterance"]: item.get("request") for item in found}
    return [by_utterance.get(utterance) for utterance in utterances]


FULL = "Call 911 now."


def opens_with_911(speech: str) -> bool:
    return "911" in speech.split(". ", 1)[0]


def full_response(turn: Turn, crisis: bool) -> bool:
    heard = turn.heard
    if heard is None or not heard.speech.startswith(FULL) or heard.end_session is not True:
        return False
    return "988" in heard.speech if crisis else True


@dataclass
class Tally:
    name: str
    emergency: bool
    lines: int = 0
    full: int = 0
    first: int = 0  # 911 in the first sentence (full response or opener)
    missed: list[str] = field(default_factory=list)  # emergencies without the full response / false alarms

    def add(self, line: corpora.Line, turn: Turn) -> None:
        self.lines += 1
        full = full_response(turn, line.crisis)
        first = turn.heard is not None and opens_with_911(turn.heard.speech)
        self.full += full
        self.first += first
        if self.emergency and not full:
            self.missed.append(f"{'911 first' if first else 'NO 911'}\t{turn.intent}\t{line.utterance}")
        heard_full = turn.heard is not None and turn.heard.speech.startswith(FULL)
        if not self.emergency and heard_full and not line.calling_911_is_right:  # else not a false alarm
            self.missed.append(f"FULL\t{turn.intent}\t{line.utterance}")

    def summary(self) -> str:
        def pct(n: int) -> str:
            return f"{n}/{self.lines} ({100 * n / self.lines:.1f}%)" if self.lines else "0/0"

        if self.emergency:
            return f"{self.name}: full response {pct(self.full)}, 911 first {pct(self.first)}"
        return f"{self.name}: full response {pct(self.full)}, 911 opener {pct(self.first - self.full)}"


@contextlib.contextmanager
def screen_only(which: str) -> Iterator[None]:
    """Measure with one screen switched off ("rules" or "model"); "both" changes nothing."""
    from itb_skill import safety

    if which == "both":
        yield
        return
    original = safety.assess
    switched_off = "use_model" if which == "rules" else "use_rules"

    def one_screen(*args, **kwargs):  # overrides what the caller passes too (assess_request sets use_model)
        return original(*args, **{**kwargs, switched_off: False})

    safety.assess = one_screen
    try:
        yield
    finally:
        safety.assess = original


def measure(paths: list[Path], literal: bool, screen: str, repo=None, nlu: str = "sim") -> list[Tally]:
    sim = Simulator(repo, literal=literal)
    tallies = []
    with screen_only(screen), quiet_request_log(True):
        for path in paths:
            lines = corpora.read(path)
            tally = Tally(path.name, bool(lines) and lines[0].emergency)
            if nlu == "virtual-alexa":
                requests = outside_requests([line.utterance for line in lines], sim.model_file)
                for line, request in zip(lines, requests, strict=True):
                    tally.add(line, _send_outside(sim, line.utterance, request))
            else:
                for line in lines:
                    tally.add(line, sim.ask(line.utterance))
            tallies.append(tally)
    return tallies


def _send_outside(sim: Simulator, utterance: str, request: dict | None) -> Turn:
    """What virtual-alexa resolved, as a one-shot session to the real handler (the fallback if nothing)."""
    if not isinstance(request, dict) or request.get("type") != "IntentRequest":
        request = envelope.intent_request("AMAZON.FallbackIntent")
    name = (request.get("intent") or {}).get("name")
    built = envelope.intent_request(name, (request.get("intent") or {}).get("slots") or {})
    heard = envelope.send(sim.handler, envelope.Session(), built)
    return Turn(utterance, "IntentRequest", _Named(name), heard)


class _Named:
    """Enough of a resolution for a tally: the intent's name."""

    def __init__(self, intent: str | None) -> None:
        self.intent = intent
