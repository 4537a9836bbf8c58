"""Request envelopes as Alexa sends them, and the response read back as what a listener gets.

The one request factory for the simulator and the tests.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
DEFAULT_USER_ID = "amzn1.ask.account.SIMULATED-USER"
DEFAULT_LOCALE = "en-US"

APL = "Alexa.Presentation.APL"
# Devices with a screen, as the request's context describes them (pixels; dp = pixels * 160 / dpi).
# None is a voice-only device (an Echo, an Echo Dot): no APL in supportedInterfaces, no Viewport.
SCREENS: dict[str, dict[str, Any]] = {
    "hub-landscape-medium": {  # Echo Show 8
        "mode": "HUB",
        "shape": "RECTANGLE",
        "pixelWidth": 1280,
        "pixelHeight": 800,
        "dpi": 213,
        "touch": ["SINGLE"],
    },
    "hub-landscape-small": {  # Echo Show 5
        "mode": "HUB",
        "shape": "RECTANGLE",
        "pixelWidth": 960,
        "pixelHeight": 480,
        "dpi": 160,
        "touch": ["SINGLE"],
    },
    "hub-round-small": {  # Echo Spot
        "mode": "HUB",
        "shape": "ROUND",
        "pixelWidth": 480,
        "pixelHeight": 480,
        "dpi": 160,
        "touch": ["SINGLE"],
    },
    "tv-landscape-xlarge": {  # Fire TV
        "mode": "TV",
        "shape": "RECTANGLE",
        "pixelWidth": 1920,
        "pixelHeight": 1080,
        "dpi": 320,
        "touch": [],
    },
}
DEFAULT_SCREEN = "hub-landscape-medium"
APL_MAX_VERSION = "2024.2"


@dataclass
class Session:
    """One conversation: ids and attributes carried from turn to turn."""

    skill_id: str = DEFAULT_SKILL_ID
    user_id: str = DEFAULT_USER_ID
    locale: str = DEFAULT_LOCALE
    session_id: str = field(default_factory=lambda: f"amzn1.echo-api.session.{uuid.uuid4()}")
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True
    # A device with a screen: a name from SCREENS (True: DEFAULT_SCREEN); None: voice-only.
    screen: str | bool | None = None

    def device(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """(supportedInterfaces, Viewport or None) of this session's device."""
        if not self.screen:
            return {}, None
        viewport = dict(SCREENS[DEFAULT_SCREEN if self.screen is True else self.screen])
        viewport.update(currentPixelWidth=viewport["pixelWidth"], currentPixelHeight=viewport["pixelHeight"])
        return {APL: {"runtime": {"maxVersion": APL_MAX_VERSION}}}, viewport

    def envelope(self, request: dict[str, Any]) -> dict[str, Any]:
        interfaces, viewport = self.device()
        event = {
            "version": "1.0",
            "session": {
                "new": self.new,
                "sessionId": self.session_id,
                "application": {"applicationId": self.skill_id},
                "attributes": dict(self.attributes),
                "user": {"userId": self.user_id},
            },
            "context": {
                "System": {
                    "application": {"applicationId": self.skill_id},
                    "user": {"userId": self.user_id},
                    "device": {"deviceId": "amzn1.ask.device.SIMULATED", "supportedInterfaces": interfaces},
                    "apiEndpoint": "https://api.amazonalexa.com",
                },
                **({"Viewport": viewport} if viewport else {}),
            },
            "request": {
                "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
                "timestamp": "2026-11-25T08:00:00Z",
                "locale": self.locale,
                **request,
            },
        }
        self.new = False
        return event


def launch_request() -> dict[str, Any]:
    return {"type": "LaunchRequest"}


def session_ended_request(reason: str = "USER_INITIATED") -> dict[str, Any]:
    return {"type": "SessionEndedRequest", "reason": reason}


def slot(
    name: str,
    value: str | None,
    resolved_id: str | None = None,
    resolved_name: str | None = None,
    slot_type: str = "",
    values: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """A slot as Alexa sends it; with ``resolved_id`` (or several ``values``: (id, name) pairs, as
    when a synonym belongs to more than one value) it carries a matching entity resolution."""
    if values and resolved_id is None:
        resolved_id, resolved_name = values[0]
    data: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is None:
        return data
    data["value"] = value
    if slot_type and not slot_type.startswith("AMAZON."):
        authority = f"amzn1.er-authority.echo-sdk.{DEFAULT_SKILL_ID}.{slot_type}"
        if resolved_id is None:
            data["resolutions"] = {
                "resolutionsPerAuthority": [
                    {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
                ]
            }
        else:
            data["resolutions"] = {
                "resolutionsPerAuthority": [
                    {
                        "authority": authority,
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [
                            {"value": {"name": name, "id": value_id}}
                            for value_id, name in (values or [(resolved_id, resolved_name or value)])
                        ],
                    }
                ]
            }
    return data


def intent_request(name: str, slots: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "type": "IntentRequest",
        "dialogState": "COMPLETED",
        "intent": {"name": name, "confirmationStatus": "NONE", "slots": slots or {}},
    }


def user_event(*arguments: Any, token: str = "itb-menu") -> dict[str, Any]:
    """A touch on a screen: the ``SendEvent`` arguments of what was touched, as Alexa sends them."""
    return {
        "type": f"{APL}.UserEvent",
        "token": token,
        "arguments": list(arguments),
        "source": {"type": "TouchWrapper", "handler": "Press", "id": ""},
    }


class LambdaContext:
    """What Lambda passes to the handler as ``context``: the time left before the function's timeout."""

    def __init__(self, timeout_ms: int = 7000) -> None:  # template.yaml: Timeout 7
        self.ends = time.monotonic() + timeout_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.ends - time.monotonic()) * 1000))


@dataclass
class Heard:
    """A response as the user experiences it."""

    speech: str
    ssml: str
    reprompt: str | None
    card: dict[str, Any] | None
    end_session: bool | None
    attributes: dict[str, Any]
    raw: dict[str, Any]
    # The APL RenderDocument directive ({"token", "document", "datasources", ...}) or None: no screen.
    screen: dict[str, Any] | None = None

    @property
    def shown(self) -> dict[str, Any] | None:
        """The screen's data source (what the document displays), or None."""
        return (self.screen or {}).get("datasources", {}).get("screen") if self.screen else None


def read_response(raw: dict[str, Any]) -> Heard:
    from itb_skill.speech import ssml_to_text  # the function's own renderer, read back

    response = raw.get("response") or {}
    ssml = (response.get("outputSpeech") or {}).get("ssml", "")
    reprompt_ssml = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")
    return Heard(
        speech=ssml_to_text(ssml),
        ssml=ssml,
        reprompt=ssml_to_text(reprompt_ssml) if reprompt_ssml else None,
        card=response.get("card"),
        end_session=response.get("shouldEndSession"),
        attributes=raw.get("sessionAttributes") or {},
        raw=raw,
        screen=next(
            (
                directive
                for directive in response.get("directives") or []
                if isinstance(directive, dict) and directive.get("type") == f"{APL}.RenderDocument"
            ),
            None,
        ),
    )


def send(handler, session: Session, request: dict[str, Any], context: Any = None) -> Heard:
    """Send one request through ``handler`` (the real lambda_handler) and carry the session on.
    ``context`` is what Lambda would pass (``get_remaining_time_in_millis``); None, as local runs do."""
    raw = handler(session.envelope(request), context)
    heard = read_response(raw)
    session.attributes = dict(heard.attributes)
    return heard
