"""Wiring only: the skill Lambda runs, built once from the environment (``itb_skill.skill``)."""

import os

from itb_skill import config, safety
from itb_skill.skill import create_handler

lambda_handler = create_handler(config.from_environment())

# Provisioned concurrency and SnapStart initialize ahead of any request, so no user waits for this: compile
# every screening pattern now. An on-demand cold start compiles the deeper ones when a slot first needs them.
if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") in ("provisioned-concurrency", "snap-start"):
    safety.prepare()
