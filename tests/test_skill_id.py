"""The function answers only its own skill: SKILL_ID from the environment is checked before any handler."""

from __future__ import annotations

import importlib

import pytest
from ask_sdk_core.exceptions import AskSdkException

from skill_sim import envelope

OUR_SKILL = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
OTHER_SKILL = "amzn1.ask.skill.99999999-8888-7777-6666-555555555555"


def _reload_handler(monkeypatch, skill_id: str | None):
    """Re-import the function as Lambda would start it with this environment."""
    from itb_skill import config

    if skill_id is None:
        monkeypatch.delenv("SKILL_ID", raising=False)
    else:
        monkeypatch.setenv("SKILL_ID", skill_id)
    config.get.cache_clear()
    import lambda_function

    return importlib.reload(lambda_function).lambda_handler


@pytest.fixture(autouse=True)
def _restore_function(monkeypatch):
    """Leave the module as other tests expect it: no SKILL_ID, fresh config."""
    yield
    monkeypatch.delenv("SKILL_ID", raising=False)
    from itb_skill import config

    config.get.cache_clear()
    import lambda_function

    importlib.reload(lambda_function)


def test_request_for_our_skill_is_answered(monkeypatch):
    handler = _reload_handler(monkeypatch, OUR_SKILL)
    heard = envelope.send(handler, envelope.Session(skill_id=OUR_SKILL), envelope.launch_request())
    assert "not medical advice" in heard.speech
    assert heard.reprompt


def test_request_for_another_skill_is_refused_before_any_handler(monkeypatch):
    handler = _reload_handler(monkeypatch, OUR_SKILL)
    with pytest.raises(AskSdkException, match="Skill ID Verification failed"):
        envelope.send(handler, envelope.Session(skill_id=OTHER_SKILL), envelope.launch_request())


def test_emergency_for_another_skill_is_refused_too(monkeypatch):
    """No handler runs at all, not even the safety-first one: the request never was ours."""
    handler = _reload_handler(monkeypatch, OUR_SKILL)
    with pytest.raises(AskSdkException):
        envelope.send(
            handler, envelope.Session(skill_id=OTHER_SKILL), envelope.intent_request("EmergencyIntent")
        )


def test_without_skill_id_local_and_simulator_requests_work(monkeypatch):
    handler = _reload_handler(monkeypatch, None)
    for skill_id in (envelope.DEFAULT_SKILL_ID, OTHER_SKILL):
        heard = envelope.send(handler, envelope.Session(skill_id=skill_id), envelope.launch_request())
        assert "call 911" in heard.speech
