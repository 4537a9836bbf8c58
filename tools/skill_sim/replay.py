"""Scripted conversations: what the user says, turn by turn, and what must be heard.

A script is YAML::

    name: overview, then the offered follow-up        # optional
    locale: en-US                                      # optional
    turns:
      - user: launch                                   # or "open baclofen pump guide"
        expect:
          speech: [not medical advice, call 911]       # substrings (case-insensitive)
          end_session: false
      - user: what is baclofen pump therapy
        expect:
          intent: TherapyOverviewIntent
          card_title: What is baclofen pump therapy?
      - user: quit                                     # or `end`: the user ends the session

``user`` is anything a person would say (a plain utterance; "Alexa, ask baclofen pump guide to ..."
starts a new session), or ``launch``, or ``end``/``quit`` (SessionEndedRequest).

``expect`` keys (all optional): ``intent`` (resolved intent; null for a launch), ``slots`` (slot name
-> resolved id, or the value said when it resolved to no id; null for an empty slot), ``speech``,
``reprompt`` (substrings, a string or a list; ``reprompt: null`` means no reprompt), ``speech_not``
(substrings that must not be heard), ``card_title``, ``card`` (substrings of the card text),
``end_session`` (true/false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skill_sim import resolver
from skill_sim.simulator import Simulator, Turn

EXPECT_KEYS = {"intent", "slots", "speech", "speech_not", "reprompt", "card_title", "card", "end_session"}
TURN_KEYS = {"user", "expect"}
SCRIPT_KEYS = {"name", "locale", "turns", "description"}
END_WORDS = {"end", "quit", "exit"}


class ScriptError(Exception):
    """The script itself is wrong (not a failed expectation)."""


@dataclass
class Result:
    path: str
    name: str
    turns: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def report(self) -> str:
        if self.passed:
            return f"PASS {self.path}: {self.name} ({self.turns} turns)"
        return "\n".join([f"FAIL {self.path}: {self.name}", *self.failures])


class _Loader(yaml.SafeLoader):
    """YAML where only true/false are booleans, so "user: yes", "no", "off" stay what was said."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_script(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScriptError(f"{path}: cannot read: {error}") from None
    except yaml.YAMLError as error:
        raise ScriptError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list) or not data["turns"]:
        raise ScriptError(f"{path}: a script is a mapping with a non-empty list under 'turns'")
    unknown = set(data) - SCRIPT_KEYS
    if unknown:
        raise ScriptError(f"{path}: unknown keys {sorted(unknown)} (allowed: {sorted(SCRIPT_KEYS)})")
    for number, turn in enumerate(data["turns"], 1):
        where = f"{path}: turn {number}"
        if not isinstance(turn, dict) or not isinstance(turn.get("user"), str):
            raise ScriptError(f"{where}: each turn needs 'user: <what the user says>'")
        if set(turn) - TURN_KEYS:
            unknown = sorted(set(turn) - TURN_KEYS)
            raise ScriptError(f"{where}: unknown keys {unknown} (allowed: user, expect)")
        expect = turn.get("expect") or {}
        if not isinstance(expect, dict) or set(expect) - EXPECT_KEYS:
            raise ScriptError(f"{where}: 'expect' takes only {sorted(EXPECT_KEYS)}")
    return data


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def check(turn: Turn, expect: dict[str, Any]) -> list[str]:
    """Every way ``turn`` differs from ``expect``, as "key: expected ... / heard ..." lines."""
    heard = turn.heard
    speech = heard.speech if heard else ""
    reprompt = heard.reprompt if heard else None
    card = (heard.card if heard else None) or {}
    problems = []

    def differ(key: str, expected: Any, got: Any) -> None:
        problems.append(f"    {key}: expected {expected!r}\n    {' ' * len(key)}  but got {got!r}")

    if "intent" in expect and expect["intent"] != turn.intent:
        differ("intent", expect["intent"], turn.intent)
    if "slots" in expect:
        slots = turn.resolution.slots if turn.resolution else {}
        for name, wanted in (expect["slots"] or {}).items():
            slot = slots.get(name)
            got = None if slot is None or slot.value is None else (slot.id or slot.value)
            if (None if wanted is None else str(wanted)) != got:
                differ(f"slots.{name}", wanted, got)
    for key, text in (("speech", speech), ("card", card.get("content") or card.get("text") or "")):
        for part in _as_list(expect[key]) if key in expect else []:
            if _squash(part) not in _squash(text):
                differ(key, f"to contain {part!r}", text)
    for part in _as_list(expect["speech_not"]) if "speech_not" in expect else []:
        if _squash(part) in _squash(speech):
            differ("speech_not", f"not to contain {part!r}", speech)
    if "reprompt" in expect:
        if expect["reprompt"] is None:
            if reprompt is not None:
                differ("reprompt", None, reprompt)
        else:
            for part in _as_list(expect["reprompt"]):
                if _squash(part) not in _squash(reprompt):
                    differ("reprompt", f"to contain {part!r}", reprompt)
    if "card_title" in expect and expect["card_title"] != card.get("title"):
        differ("card_title", expect["card_title"], card.get("title"))
    if "end_session" in expect and bool(expect["end_session"]) != bool(heard and heard.end_session):
        differ("end_session", expect["end_session"], heard.end_session if heard else None)
    return problems


def run_script(path: str | Path, repo: str | Path | None = None) -> Result:
    """Play one script against the real function. Raises ``ScriptError`` if the script is wrong."""
    data = load_script(path)
    # Every script starts as a first-time user: the simulator's skill remembers nothing from before.
    sim = Simulator(repo, locale=str(data.get("locale") or "en-US"))
    return _play(path, data, sim)


def _play(path: str | Path, data: dict[str, Any], sim: Simulator) -> Result:
    result = Result(str(path), str(data.get("name") or Path(path).stem))
    for number, step in enumerate(data["turns"], 1):
        said = step["user"].strip()
        try:
            if said.lower() == "launch":
                turn = sim.launch()
            elif said.lower() in END_WORDS:
                turn = sim.end(utterance=said)
            else:
                turn = sim.say(said)
        except resolver.BadInput as error:
            raise ScriptError(f"{path}: turn {number}: {error}") from None
        result.turns += 1
        problems = check(turn, step.get("expect") or {})
        if problems:
            resolved = turn.intent or turn.request
            result.failures.append(f"  turn {number}, user: {said!r} (resolved to {resolved})")
            result.failures.extend(problems)
    return result
