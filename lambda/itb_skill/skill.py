"""The skill factory: one function builds a whole skill from its configuration, profile store and clock.

``create_skill(config, store, clock)`` registers the request pipeline, in order, on a fresh SDK skill
builder and wraps it in the runtime. ``lambda_function`` builds the one Lambda runs, from the environment;
tests and tools build their own (a temporary data folder, an in-memory store, a fake clock, a broken copy
of the content), so nothing is patched and no module is reloaded. docs/architecture.md walks the pipeline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple

from ask_sdk_core.skill_builder import SkillBuilder

from itb_skill import content, runtime, screening, session, touch
from itb_skill.config import Config
from itb_skill.handlers import catch_all, conversation
from itb_skill.handlers import safety as safety_handlers
from itb_skill.memory import handlers as memory_handlers
from itb_skill.memory import interceptors as memory
from itb_skill.memory import stores

LambdaHandler = Callable[[object, object], dict[str, Any]]


class Services(NamedTuple):
    """What one skill is built with, handed to each handler and interceptor that needs a part of it."""

    config: Config
    store: stores.Store  # where profiles are kept
    clock: Callable[[], float]  # epoch seconds
    library: content.Library  # the skill's words (``config.content_dir``)


class Skill:
    """One skill: its services, its SDK skill builder (handlers in order) and the Lambda handler."""

    def __init__(self, services: Services, builder: SkillBuilder, lambda_handler: LambdaHandler) -> None:
        self.services = services
        self.builder = builder
        self.lambda_handler = lambda_handler

    def __call__(self, event: object, context: object = None) -> dict[str, Any]:
        return self.lambda_handler(event, context)

    @property
    def request_handlers(self) -> list[Any]:
        """The request handlers, in the order they are asked."""
        chains = self.builder.runtime_configuration_builder.request_handler_chains
        return [chain.request_handler for chain in chains]

    @property
    def catch_all(self) -> catch_all.CatchAllExceptionHandler:
        (handler,) = self.builder.runtime_configuration_builder.exception_handlers
        return handler


def create_skill(
    config: Config, store: stores.Store | None = None, clock: Callable[[], float] | None = None
) -> Skill:
    """A whole skill. ``store``: where profiles are kept (default: the one ``config`` names, DynamoDB or the
    SQLite file in its data folder); ``clock``: epoch seconds (default: the system clock)."""
    clock = clock or time.time
    services = Services(
        config=config,
        store=store if store is not None else stores.configured(config, clock),
        clock=clock,
        library=content.library(config.content_dir),
    )
    keeper = memory.Keeper(services)
    builder = SkillBuilder()

    # First, the request's one safety decision, stored for the emergency handler, storage and the catch-all.
    builder.add_global_request_interceptor(screening.ScreenInterceptor())
    # A touch on Yes or No on the screen is the spoken yes or no (before anything reads the request).
    builder.add_global_request_interceptor(touch.TouchAsSpokenInterceptor())
    # Session attributes come back from the device: only what the skill could have written goes on.
    builder.add_global_request_interceptor(session.CheckAttributesInterceptor(services.library, clock))
    # One profile read per session (skipped for emergencies), one write at its end if anything changed.
    builder.add_global_request_interceptor(memory.LoadProfileInterceptor(keeper))
    builder.add_global_response_interceptor(memory.SaveProfileInterceptor(keeper))

    for handler in (
        safety_handlers.EmergencyHandler(services),  # first: danger in any intent or slot goes to 911
        safety_handlers.RefuseMisconfiguredHandler(
            services
        ),  # then nothing else if the configuration is unsafe
        # -- remembering returning users (memory); before Launch and Yes/No --
        memory_handlers.SkillDisabledHandler(services, keeper),
        memory_handlers.ReturningLaunchHandler(services, keeper),
        memory_handlers.ForgetMeAnswerHandler(services, keeper),
        memory_handlers.ForgetMeHandler(services, keeper),
        # -- the conversation --
        conversation.PaceHandler(services),
        conversation.LaunchHandler(services),
        conversation.TopicHandler(services),
        touch.TouchTopicHandler(services),  # a topic touched on the screen
        conversation.QuestionHandler(services),
        conversation.YesHandler(services),
        conversation.NoHandler(services),
        conversation.RepeatHandler(services),
        conversation.StartOverHandler(services),
        conversation.HelpHandler(services),
        conversation.StopHandler(services),
        conversation.FallbackHandler(services),
        conversation.SessionEndedHandler(services),
        conversation.UnknownRequestHandler(services),  # last: anything else still gets an answer
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(catch_all.CatchAllExceptionHandler(services))

    # Refuses other skills' requests, screens the raw envelope, logs one line, answers whatever escapes.
    return Skill(services, builder, runtime.wrap(builder, config, services.library))


def create_handler(
    config: Config, store: stores.Store | None = None, clock: Callable[[], float] | None = None
) -> LambdaHandler:
    """The Lambda handler of a whole skill (``create_skill``)."""
    return create_skill(config, store, clock).lambda_handler
