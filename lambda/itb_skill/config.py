"""Configuration: what one skill is built with, read from the environment once, by ``lambda_function``.

Tests and tools build a ``Config`` of their own (``Config(data_dir=...)``) and hand it to the skill factory
(``skill.create_skill``): nothing reads the environment behind their back.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NamedTuple

from itb_skill import paths

# The salt keys the hash that turns an Alexa user id into a table key: short or public, anyone who knows a
# user id could find that user's row. template.yaml asks for the same minimum.
MIN_SALT_CHARS = 32
LOCAL_SALT = "local-development-salt"  # the embedded SQLite store only: a file on the developer's machine


class Config(NamedTuple):  # immutable; cheaper to define at a cold start than a frozen dataclass
    skill_id: str | None = None  # requests for any other skill are refused; None: no check (local runs)
    table_name: str | None = None  # DynamoDB table; None means the embedded SQLite store
    user_hash_salt: str = LOCAL_SALT  # salts the hash of the Alexa user id used as the storage key
    data_dir: str = paths.DATA_DIR  # where the embedded store keeps its file (git-ignored)
    aws_region: str | None = None
    refusal: str | None = None  # why this configuration must not serve users (never the secret itself)
    content_dir: str = paths.CONTENT_DIR  # the skill's words (tests point it at a broken copy)
    visuals_dir: str = paths.VISUALS_DIR  # the screens' documents and words


def from_environment(environ: Mapping[str, str] = os.environ) -> Config:
    """The configuration Lambda (or ``make chat``) starts with: ``SKILL_ID``, ``TABLE_NAME``,
    ``USER_HASH_SALT``, ``ITB_DATA_DIR`` (the local store's folder) and the AWS region."""
    table_name = environ.get("TABLE_NAME") or None
    salt = environ.get("USER_HASH_SALT") or ""
    refusal = None
    if table_name and len(salt) < MIN_SALT_CHARS:
        refusal = f"USER_HASH_SALT must be set to at least {MIN_SALT_CHARS} characters when TABLE_NAME is set"
    return Config(
        skill_id=environ.get("SKILL_ID") or None,
        table_name=table_name,
        user_hash_salt=salt if table_name else salt or LOCAL_SALT,
        data_dir=environ.get("ITB_DATA_DIR") or paths.DATA_DIR,
        aws_region=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None,
        refusal=refusal,
    )
