"""Wiring only: build the skill, register handlers in order (safety first, catch-alls last)."""

import os

from ask_sdk_core.skill_builder import SkillBuilder

from itb_skill import runtime, safety, session, touch
from itb_skill.config import get as get_config
from itb_skill.handlers import catch_all, conversation
from itb_skill.handlers import safety as safety_handlers
from itb_skill.memory import handlers as memory_handlers
from itb_skill.memory import interceptors as memory

skill_builder = SkillBuilder()

for handler in (
    safety_handlers.EmergencyHandler(),  # first: danger in any intent or slot goes to 911
    safety_handlers.RefuseMisconfiguredHandler(),  # then nothing else if the configuration is unsafe
    # -- remembering returning users (memory); before Launch and Yes/No --
    memory_handlers.SkillDisabledHandler(),
    memory_handlers.ReturningLaunchHandler(),
    memory_handlers.ForgetMeAnswerHandler(),
    memory_handlers.ForgetMeHandler(),
    # -- end remembering --
    conversation.PaceHandler(),
    conversation.LaunchHandler(),
    conversation.TopicHandler(),
    touch.TouchTopicHandler(),  # a topic touched on the screen
    conversation.QuestionHandler(),
    conversation.YesHandler(),
    conversation.NoHandler(),
    conversation.RepeatHandler(),
    conversation.StartOverHandler(),
    conversation.HelpHandler(),
    conversation.StopHandler(),
    conversation.FallbackHandler(),
    conversation.SessionEndedHandler(),
    conversation.UnknownRequestHandler(),  # last: anything else still gets an answer
):
    skill_builder.add_request_handler(handler)

skill_builder.add_exception_handler(catch_all.CatchAllExceptionHandler())

# A touch on Yes or No on the screen is the spoken yes or no (before anything reads the request).
skill_builder.add_global_request_interceptor(touch.TouchAsSpokenInterceptor())
# Session attributes come back from the device: only what the skill could have written goes on.
skill_builder.add_global_request_interceptor(session.CheckAttributesInterceptor())
# One profile read per session (skipped for emergencies), one write at its end if anything changed.
skill_builder.add_global_request_interceptor(memory.LoadProfileInterceptor())
skill_builder.add_global_response_interceptor(memory.SaveProfileInterceptor())

# Refuse requests meant for any other skill: the SDK raises before any handler runs.
# SKILL_ID unset (local runs, the simulator) means no check.
skill_builder.skill_id = get_config().skill_id

# One JSON log line + metrics per request; malformed requests still get a spoken answer.
lambda_handler = runtime.instrument(skill_builder)

# Provisioned concurrency and SnapStart initialize ahead of any request, so no user waits for this: compile
# every screening pattern now. An on-demand cold start compiles the deeper ones when a slot first needs them.
if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") in ("provisioned-concurrency", "snap-start"):
    safety.prepare()
