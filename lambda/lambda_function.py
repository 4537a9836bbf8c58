"""Wiring only: build the skill, register handlers in order (safety first, catch-alls last)."""

from ask_sdk_core.skill_builder import SkillBuilder

from itb_skill import handlers
from itb_skill.config import get as get_config

skill_builder = SkillBuilder()

for handler in (
    handlers.EmergencyHandler(),  # first: danger in any intent or slot goes to 911
    handlers.LaunchHandler(),
    handlers.TopicHandler(),
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

# Refuse requests meant for any other skill: the SDK raises before any handler runs.
# SKILL_ID unset (local runs, the simulator) means no check.
skill_builder.skill_id = get_config().skill_id

lambda_handler = skill_builder.lambda_handler()
