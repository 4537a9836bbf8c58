"""Wiring only: the skill Lambda runs, built once from the environment (``itb_skill.skill``)."""

import os

from itb_skill import config, safety
from itb_skill.skill import create_handler

lambda_handler = create_handler(config.from_environment())

# Provisioned concurrency and SnapStart initialize ahead of any request, so no user waits for this: compile
# every screening pattern and build the topic phrasings now. An on-demand cold start builds each when a
# request first needs it.
if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") in ("provisioned-concurrency", "snap-start"):
    from itb_skill import content, matching  # not imported at an on-demand cold start

    safety.prepare()
    matching.prepare(content.load())
