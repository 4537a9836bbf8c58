"""Configuration, read once from the environment in one place."""

from __future__ import annotations

import os
from functools import cache
from typing import NamedTuple


class Config(NamedTuple):  # immutable; cheaper to define at a cold start than a frozen dataclass
    skill_id: str | None  # requests for any other skill are refused
    table_name: str | None  # DynamoDB table; None means the embedded SQLite store
    user_hash_salt: str  # salts the hash of the Alexa user id used as the storage key
    data_dir: str  # where the embedded store keeps its file (git-ignored); os.path, no pathlib import
    aws_region: str | None


@cache
def get() -> Config:
    return Config(
        skill_id=os.environ.get("SKILL_ID") or None,
        table_name=os.environ.get("TABLE_NAME") or None,
        user_hash_salt=os.environ.get("USER_HASH_SALT", "local-development-salt"),
        data_dir=os.environ.get("ITB_DATA_DIR", os.path.join(os.getcwd(), "data")),
        aws_region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None,
    )
