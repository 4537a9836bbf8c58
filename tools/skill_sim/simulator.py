"""One simulated Alexa device: resolves what the user types, sends real envelopes to the real
``lambda_handler`` in-process, and reports what the user would hear.

Used by ``skill-sim chat``, ``ask`` and ``replay`` (and by other tools that want a conversation).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill_sim import envelope, resolver

MODEL_DIR = Path("interaction_model") / "skill-package" / "interactionModels" / "custom"
LAMBDA_DIR = Path("lambda")


class SimulatorError(Exception):
    """Something the user can fix (no repository, no model for a locale); the message says what."""


def _is_repo(path: Path) -> bool:
    return (path / LAMBDA_DIR / "lambda_function.py").is_file() and (path / MODEL_DIR).is_dir()


def find_repo(repo: str | Path | None = None) -> Path:
    """The skill repository: ``repo`` if given, else the current directory or one above it,
    else the checkout this package was installed from."""
    if repo is not None:
        path = Path(repo).resolve()
        if not _is_repo(path):
            raise SimulatorError(
                f"{path} is not the skill repository (expected {LAMBDA_DIR}/ and {MODEL_DIR}/)"
            )
        return path
    cwd = Path.cwd().resolve()
    for path in (cwd, *cwd.parents, *Path(__file__).resolve().parents):
        if _is_repo(path):
            return path
    raise SimulatorError("cannot find the skill repository; run from inside it or pass --repo PATH")


def model_path(repo: Path, locale: str) -> Path:
    path = repo / MODEL_DIR / f"{locale}.json"
    if not path.is_file():
        have = sorted(p.stem for p in (repo / MODEL_DIR).glob("*.json"))
        have_text = ", ".join(have) or "none"
        raise SimulatorError(f"no interaction model for locale {locale!r} (have: {have_text})")
    return path


# The function's per-request log line (itb_skill.telemetry: one JSON line per request, to stderr,
# for CloudWatch). A person talking to the simulator does not want it between the turns.
REQUEST_LOG = "itb_skill.requests"


class _DropAll(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextlib.contextmanager
def quiet_request_log(quiet: bool = True):
    """Within the block, the function's per-request log lines are dropped (its logging is unchanged:
    a filter on the logger, removed on exit)."""
    log, drop = logging.getLogger(REQUEST_LOG), _DropAll()
    if quiet:
        log.addFilter(drop)
    try:
        yield
    finally:
        log.removeFilter(drop)


def create_handler(repo: Path, remember: bool = False):
    """A skill of its own for this simulator, built by the function's factory (``itb_skill.skill``, imported
    in-process with ``lambda/`` on sys.path) from the environment's configuration. Its profiles are kept
    in memory, so nothing a tool or test does is remembered, unless ``remember``: then in the configured
    store (the local data folder), as ``skill-sim chat`` remembers you across runs."""
    lambda_dir = str((repo / LAMBDA_DIR).resolve())
    if lambda_dir not in sys.path:
        sys.path.insert(0, lambda_dir)
    config = importlib.import_module("itb_skill.config")
    skill = importlib.import_module("itb_skill.skill")
    stores = importlib.import_module("itb_skill.memory.stores")
    return skill.create_handler(config.from_environment(), None if remember else stores.MemoryStore())


@dataclass
class Turn:
    """One exchange, in the shape ``skill-sim ask --json`` prints."""

    utterance: str
    request: str | None  # LaunchRequest | IntentRequest | SessionEndedRequest
    resolution: resolver.Resolution | None
    heard: envelope.Heard | None

    @property
    def intent(self) -> str | None:
        return self.resolution.intent if self.resolution else None

    def to_json(self) -> dict[str, Any]:
        heard = self.heard
        resolution = self.resolution
        return {
            "utterance": self.utterance,
            "request": self.request,
            "intent": self.intent,
            "slots": {
                name: slot.to_json() for name, slot in (resolution.filled() if resolution else {}).items()
            },
            "match": (
                {"how": resolution.how, "score": resolution.score, "sample": resolution.sample}
                if resolution
                else None
            ),
            "speech": heard.speech if heard else "",
            "ssml": heard.ssml if heard else "",
            "reprompt": heard.reprompt if heard else None,
            "end_session": heard.end_session if heard else True,
            "card": heard.card if heard else None,
            "screen": (
                {"document": heard.screen.get("token"), "datasource": heard.shown}
                if heard and heard.screen
                else None
            ),
        }


class Simulator:
    """A device talking to the skill: one open session at a time, like an Echo."""

    def __init__(
        self,
        repo: str | Path | None = None,
        locale: str = envelope.DEFAULT_LOCALE,
        model=None,
        literal: bool = False,
        screen: str | bool | None = None,
        remember: bool = False,
    ):
        """``remember``: keep profiles in the configured store (``skill-sim chat``); otherwise this
        simulator's skill forgets everything when it goes (``create_handler``)."""
        self.repo = find_repo(repo)
        self.screen = screen  # a device with a screen (envelope.SCREENS); None: voice-only, like an Echo
        self.literal = literal  # resolve as a plain sample matcher would (see ``resolver``)
        self.locale = locale
        self.model_file = Path(model) if model else model_path(self.repo, locale)
        self.handler = create_handler(self.repo, remember)
        self.model.resolve("")  # fail now, with a clear message, if the model cannot be read
        self.session: envelope.Session | None = None

    @property
    def model(self) -> resolver.Model:
        return resolver.load(self.model_file)  # compiled once; again only when the file changes

    @property
    def open(self) -> bool:
        return self.session is not None

    def _send(self, request: dict[str, Any]) -> envelope.Heard:
        assert self.session is not None
        heard = envelope.send(self.handler, self.session, request)
        if heard.end_session is not False and request["type"] != "SessionEndedRequest":
            # The skill closed the session (or left the microphone closed): the next utterance
            # needs the invocation name again.
            self.session = None
        return heard

    def _new_session(self) -> None:
        self.session = envelope.Session(locale=self.locale, screen=self.screen)

    def launch(self, utterance: str = "launch") -> Turn:
        self._new_session()
        return Turn(utterance, "LaunchRequest", None, self._send(envelope.launch_request()))

    def end(self, reason: str = "USER_INITIATED", utterance: str = "") -> Turn:
        """The user quits (or stays silent): Alexa closes the session and tells the skill."""
        if self.session is None:
            return Turn(utterance, "SessionEndedRequest", None, None)
        heard = self._send(envelope.session_ended_request(reason))
        self.session = None
        return Turn(utterance, "SessionEndedRequest", None, heard)

    def touch(self, *arguments: str) -> Turn:
        """A touch on the screen: a UserEvent with the touched target's SendEvent ``arguments``."""
        if self.session is None:
            self._new_session()
        request = envelope.user_event(*arguments)
        return Turn(f"(touch {' '.join(arguments)})", request["type"], None, self._send(request))

    def say(self, text: str) -> Turn:
        """What the user types. Outside a session it must be (or is taken as) a one-shot
        "Alexa, ask <invocation> to ...". Raises ``resolver.BadInput`` for input Alexa can't take."""
        typed = text
        text = resolver.clean_utterance(text)
        model = self.model
        invocation = resolver.split_invocation(text, model.invocation_name)
        if invocation.invoked or self.session is None:
            if not invocation.rest:
                return self.launch(typed)
            self._new_session()
        resolution = model.resolve(invocation.rest, self.literal)
        request = envelope.intent_request(resolution.intent, resolution.request_slots())
        return Turn(typed, "IntentRequest", resolution, self._send(request))

    def ask(self, text: str) -> Turn:
        """One utterance as a new one-shot session."""
        self.session = None
        return self.say(text)
