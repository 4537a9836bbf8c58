"""Wiring only: build the skill, register handlers in order (safety first, catch-alls last)."""

from ask_sdk_core.skill_builder import SkillBuilder

from itb_skill import handlers, observability

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

# One JSON log line + metrics per request; malformed requests still get a spoken answer.
lambda_handler = observability.instrument(skill_builder)
