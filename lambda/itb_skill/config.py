"""Configuration, read once from the environment in one place."""

from __future__ import annotations

import os
from functools import cache
from typing import NamedTuple

# The salt keys the hash that turns an Alexa user id into a table key: short or public, anyone who knows a
# user id could find that user's row. template.yaml asks for the same minimum.
MIN_SALT_CHARS = 32
LOCAL_SALT = "local-development-salt"  # the embedded SQLite store only: a file on the developer's machine


class Config(NamedTuple):  # immutable; cheaper to define at a cold start than a frozen dataclass
    skill_id: str | None  # requests for any other skill are refused
    table_name: str | None  # DynamoDB table; None means the embedded SQLite store
    user_hash_salt: str  # salts the hash of the Alexa user id used as the storage key
    data_dir: str  # where the embedded store keeps its file (git-ignored); os.path, no pathlib import
    aws_region: str | None
    refusal: str | None = None  # why this configuration must not serve users (never the secret itself)


@cache
def get() -> Config:
    table_name = os.environ.get("TABLE_NAME") or None
    salt = os.environ.get("USER_HASH_SALT") or ""
    refusal = None
    if table_name and len(salt) < MIN_SALT_CHARS:
        refusal = f"USER_HASH_SALT must be set to at least {MIN_SALT_CHARS} characters when TABLE_NAME is set"
    return Config(
        skill_id=os.environ.get("SKILL_ID") or None,
        table_name=table_name,
        user_hash_salt=salt if table_name else salt or LOCAL_SALT,
        data_dir=os.environ.get("ITB_DATA_DIR", os.path.join(os.getcwd(), "data")),
        aws_region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None,
        refusal=refusal,
    )
