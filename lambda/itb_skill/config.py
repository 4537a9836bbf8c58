"""Configuration, read once from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Config:
    skill_id: str | None  # requests for any other skill are refused
    table_name: str | None  # DynamoDB table; None means the embedded SQLite store
    user_hash_salt: str  # salts the hash of the Alexa user id used as the storage key
    data_dir: Path  # where the embedded store keeps its file (git-ignored)
    aws_region: str | None


@cache
def get() -> Config:
    return Config(
        skill_id=os.environ.get("SKILL_ID") or None,
        table_name=os.environ.get("TABLE_NAME") or None,
        user_hash_salt=os.environ.get("USER_HASH_SALT", "local-development-salt"),
        data_dir=Path(os.environ.get("ITB_DATA_DIR", Path.cwd() / "data")),
        aws_region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None,
    )
