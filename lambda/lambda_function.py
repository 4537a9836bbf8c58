"""Wiring only: build the skill, register handlers in order (safety first, catch-alls last)."""

import os

from ask_sdk_core.skill_builder import SkillBuilder

from itb_skill import (
    handlers,
    observability,
    safety,
    session_state,
    storage_handlers,
    storage_session,
    touch,
)
from itb_skill.config import get as get_config

skill_builder = SkillBuilder()

for handler in (
    handlers.EmergencyHandler(),  # first: danger in any intent or slot goes to 911
    handlers.RefuseMisconfiguredHandler(),  # then nothing else if the configuration is unsafe
    # -- remembering returning users (storage_handlers); before Launch and Yes/No --
    storage_handlers.SkillDisabledHandler(),
    storage_handlers.ReturningLaunchHandler(),
    storage_handlers.ForgetMeAnswerHandler(),
    storage_handlers.ForgetMeHandler(),
    storage_handlers.PaceHandler(),
    # -- end remembering --
    handlers.LaunchHandler(),
    handlers.TopicHandler(),
    touch.TouchTopicHandler(),  # a topic touched on the screen
    handlers.QuestionHandler(),
    handlers.YesHandler(),
    handlers.NoHandler(),
    handlers.RepeatHandler(),
    handlers.StartOverHandler(),
    handlers.HelpHandler(),
    handlers.StopHandler(),
    handlers.FallbackHandler(),
    handlers.SessionEndedHandler(),
    handlers.UnknownRequestHandler(),  # last: anything else still gets an answer
):
    skill_builder.add_request_handler(handler)

skill_builder.add_exception_handler(handlers.CatchAllExceptionHandler())

# A touch on Yes or No on the screen is the spoken yes or no (before anything reads the request).
skill_builder.add_global_request_interceptor(touch.TouchAsSpokenInterceptor())
# Session attributes come back from the device: only what the skill could have written goes on.
skill_builder.add_global_request_interceptor(session_state.CheckAttributesInterceptor())
# One profile read per session (skipped for emergencies), one write at its end if anything changed.
skill_builder.add_global_request_interceptor(storage_session.LoadProfileInterceptor())
skill_builder.add_global_response_interceptor(storage_session.SaveProfileInterceptor())

# Refuse requests meant for any other skill: the SDK raises before any handler runs.
# SKILL_ID unset (local runs, the simulator) means no check.
skill_builder.skill_id = get_config().skill_id

# One JSON log line + metrics per request; malformed requests still get a spoken answer.
lambda_handler = observability.instrument(skill_builder)

# Provisioned concurrency and SnapStart initialize ahead of any request, so no user waits for this: compile
# every screening pattern now. An on-demand cold start compiles the deeper ones when a slot first needs them.
if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") in ("provisioned-concurrency", "snap-start"):
    safety.prepare()
