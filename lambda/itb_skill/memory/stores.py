"""Where the skill keeps what it remembers (``memory.profile``): one small interface (``load``/``save``/
``delete`` by *user key*) with three stores:

- ``DynamoStore``: production, through ``ask-sdk-dynamodb-persistence-adapter`` (boto3), used when
  ``TABLE_NAME`` is configured. boto3 and the adapter are imported on first use, never at import.
- ``SqliteStore``: the embedded default (simulator, local runs), a file in the git-ignored data folder.
- ``MemoryStore``: an in-memory fake for tests, counting its calls.

Stores are keyed by ``profile.user_key``, never the raw Alexa id. Every store raises ``StorageError`` on
any fault, so the caller can answer without personalization.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from itb_skill.config import Config
from itb_skill.memory.profile import RETENTION_SECONDS, Profile

if TYPE_CHECKING:
    import sqlite3  # imported when the store is first used

logger = logging.getLogger(__name__)

# At DEBUG, botocore and boto3 log every request and reply: the hashed user key, the stored profile. Kept
# at WARNING whatever the root logger's level (LOG_LEVEL, Lambda's log level); set again when boto3 loads.
QUIET_LOGGERS = ("botocore", "boto3")


def _quiet_aws_loggers() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


_quiet_aws_loggers()

TTL_ATTRIBUTE = "expires_at"
KEY_ATTRIBUTE = "id"
PROFILE_ATTRIBUTE = "attributes"  # the adapter's map attribute holding the profile
SQLITE_FILE = "profiles.sqlite3"

# Each socket operation is bounded (botocore's read timeout is per read, not per call: the whole call is
# bounded by the storage deadline, memory.interceptors). No retry: botocore lets a retried call wait for an
# `x-amz-retry-after` header (up to 5 s more), and personalization is not worth that wait.
CONNECT_TIMEOUT_SECONDS = 1
READ_TIMEOUT_SECONDS = 1
TOTAL_ATTEMPTS = 1


class StorageError(Exception):
    """Any storage fault. The message names the operation and the error kind, never user data."""


class Store(Protocol):
    """``bounds_its_own_waits``: True only for a store whose every call ends within
    ``memory.interceptors.STORAGE_DEADLINE_SECONDS`` by itself (no network); any other store's calls run under
    that deadline on a thread of their own (``deadline``), which costs a thread per call."""

    def load(self, key: str) -> Profile | None: ...

    def save(self, key: str, profile: Profile) -> None: ...

    def delete(self, key: str) -> None: ...


def _kind(error: BaseException) -> str:
    """A log-safe name for an error: the AWS error code or the exception class, never its message.

    The adapter wraps every boto3 error in a ``PersistenceException``; the original is its context.
    """
    cause = error.__cause__ or error.__context__ or error
    response = getattr(cause, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code if isinstance(code, str) and code.isidentifier() else type(cause).__name__


def _epoch_seconds(clock: Callable[[], float] | None) -> int:
    """Now by ``clock`` (tests) or the system clock, in whole seconds: expiry is compared in these."""
    import time

    return int((clock or time.time)())


# ---- the in-memory fake ----


class MemoryStore:
    """A store in a dict, counting calls: the fake for handler tests."""

    bounds_its_own_waits = True  # nothing to wait for

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self.calls: list[str] = []

    def load(self, key: str) -> Profile | None:
        self.calls.append("load")
        return self.profiles.get(key)

    def save(self, key: str, profile: Profile) -> None:
        self.calls.append("save")
        self.profiles[key] = profile

    def delete(self, key: str) -> None:
        self.calls.append("delete")
        self.profiles.pop(key, None)


# ---- the embedded default ----


class SqliteStore:
    """One SQLite file; expired rows are treated as absent and purged, like DynamoDB's TTL.

    A read is one SELECT on a connection kept for the process (a warm Lambda container answers many
    sessions): the table is created once, expired rows are purged when writing (a read filters them
    out), and the connection is opened again whenever the file is not the one it was opened on.

    Several processes may share the file (`make chat` in two terminals): it is in WAL mode, so reads never
    wait for a write, and a write is one transaction that takes the write lock first (BEGIN IMMEDIATE),
    so concurrent writers queue (up to ``BUSY_TIMEOUT_SECONDS``) instead of failing with "database is
    locked". One that still fails raises ``StorageError`` and is logged like any storage fault.
    """

    # A local file, no network: a call waits only for another writer's lock, at most this long per
    # statement; opening the file waits at most twice that (the switch to WAL, the table), then the call.
    BUSY_TIMEOUT_SECONDS = 0.5
    bounds_its_own_waits = True  # about 2 s at worst, within the storage deadline without a thread

    _SCHEMA = (
        "CREATE TABLE IF NOT EXISTS profiles "
        "(id TEXT PRIMARY KEY, visits INTEGER, last_visit INTEGER, last_topic TEXT, "
        "pace TEXT, expires_at INTEGER)"
    )

    def __init__(self, path: str | os.PathLike[str], clock: Callable[[], float] | None = None) -> None:
        self.path = os.fspath(path)  # a str: pathlib is an import of its own at every cold start
        self._clock = clock
        self._db: sqlite3.Connection | None = (
            None  # the open connection, with the (device, inode) of the file it opened
        )
        self._file: tuple[int, int] | None = None
        # One call at a time on the connection: a call left behind by a deadline may still be running.
        self._lock = threading.Lock()

    def _now(self) -> int:
        return _epoch_seconds(self._clock)

    def _connection(self) -> sqlite3.Connection:
        import sqlite3

        if self._db is not None:
            try:
                stat = os.stat(self.path)
                if (stat.st_dev, stat.st_ino) == self._file:
                    return self._db
            except OSError:
                pass
            self.close()  # the file was removed or replaced: open the one at the path now
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        # Autocommit (isolation_level=None): transactions are begun here, explicitly, and only to write.
        db = sqlite3.connect(
            self.path, timeout=self.BUSY_TIMEOUT_SECONDS, check_same_thread=False, isolation_level=None
        )
        try:
            self._use_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")  # WAL's safe setting: a commit survives a crash of us
            db.execute(self._SCHEMA)
            stat = os.stat(self.path)
        except BaseException:
            db.close()
            raise
        self._db, self._file = db, (stat.st_dev, stat.st_ino)
        return db

    @classmethod
    def _use_wal(cls, db: sqlite3.Connection) -> None:
        """WAL mode, which stays set in the file. Only a new file needs switching, and when several
        connections open one at once SQLite refuses the switch at once ("database is locked") rather
        than let them wait for each other: try again until the file is in WAL mode, for at most the busy
        timeout."""
        import sqlite3
        import time

        give_up = time.monotonic() + cls.BUSY_TIMEOUT_SECONDS
        while True:
            try:
                db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError:
                if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                    return  # another connection switched it
                if time.monotonic() >= give_up:
                    raise
                time.sleep(0.005)

    def close(self) -> None:
        if self._db is not None:
            db, self._db, self._file = self._db, None, None
            db.close()

    def _run(
        self, operation: str, sql: str, params: tuple[Any, ...], write: bool = False
    ) -> list[tuple[Any, ...]]:
        import sqlite3

        try:
            with self._lock:
                db = self._connection()
                try:
                    if not write:
                        return db.execute(sql, params).fetchall()
                    with db:  # commits, or rolls back on an error
                        db.execute("BEGIN IMMEDIATE")
                        db.execute(sql, params)
                        db.execute("DELETE FROM profiles WHERE expires_at < ?", (self._now(),))
                    return []
                except sqlite3.Error:
                    self.close()  # never keep a connection that failed
                    raise
        except (OSError, sqlite3.Error) as error:
            raise StorageError(f"sqlite {operation} failed: {type(error).__name__}") from error

    def load(self, key: str) -> Profile | None:
        rows = self._run(
            "load",
            "SELECT visits, last_visit, last_topic, pace FROM profiles WHERE id = ? AND expires_at >= ?",
            (key, self._now()),
        )
        if not rows:
            return None
        visits, last_visit, last_topic, pace = rows[0]
        return Profile.from_dict(
            {"visits": visits, "last_visit": last_visit, "last_topic": last_topic, "pace": pace}
        )

    def save(self, key: str, profile: Profile) -> None:
        self._run(
            "save",
            "INSERT OR REPLACE INTO profiles VALUES (?, ?, ?, ?, ?, ?)",
            (key, profile.visits, profile.last_visit, profile.last_topic, profile.pace, profile.expires_at),
            write=True,
        )

    def delete(self, key: str) -> None:
        self._run("delete", "DELETE FROM profiles WHERE id = ?", (key,), write=True)


# ---- production: DynamoDB ----


def _dynamodb_resource(region: str | None) -> Any:
    """A boto3 DynamoDB resource with bounded timeouts and retries. Imports boto3: call lazily."""
    import boto3
    from botocore.config import Config

    _quiet_aws_loggers()

    bounded = Config(
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=READ_TIMEOUT_SECONDS,
        retries={"total_max_attempts": TOTAL_ATTEMPTS, "mode": "standard"},
    )
    resource = boto3.session.Session().resource("dynamodb", region_name=region, config=bounded)
    resource.meta.client.meta.events.register("before-parse.dynamodb", _refuse_unreadable_reply)
    return resource


class UnreadableReply(Exception):
    """A DynamoDB reply with HTTP 200 whose body is not a JSON object."""


def _refuse_unreadable_reply(response_dict: dict[str, Any], **_kwargs: Any) -> None:
    """botocore reads a 200 reply that is not JSON as an empty one, which for GetItem means "no such item":
    the session would then overwrite the stored profile as a new user's. Refuse it: a failed call."""
    if response_dict.get("status_code") != 200:
        return
    try:
        parsed = json.loads(response_dict.get("body") or b"")
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise UnreadableReply("not a JSON object")


def _key_as_given(key: str) -> str:
    """Partition keygen for the adapter: we pass it the already-hashed user key, not an envelope."""
    return key


class DynamoStore:
    """DynamoDB through the ASK SDK adapter; the item is ``{id, attributes: {...}, expires_at}``.

    ``expires_at`` must be a top-level attribute for DynamoDB's TTL, which the stock adapter cannot
    write, so saving adds it (subclass built in ``_adapter``). Numbers go in as ``Decimal``.

    Over the network, and botocore bounds each socket read but not a call: calls run under the storage
    deadline (``bounds_its_own_waits`` is False).
    """

    bounds_its_own_waits = False

    def __init__(
        self,
        table_name: str,
        region: str | None = None,
        resource_factory: Callable[[], Any] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.table_name = table_name
        self._resource_factory = resource_factory or (lambda: _dynamodb_resource(region))
        self._adapter_instance: Any = None
        self._clock = clock
        self._lock = threading.Lock()

    def _adapter(self) -> Any:
        with self._lock:  # a call left behind by a deadline may be building it too
            return self._build_adapter()

    def _build_adapter(self) -> Any:
        if self._adapter_instance is None:
            # Imported here: the adapter module builds a boto3 resource in a default argument at import
            # (slow, and it fails without a region). We always pass our own resource.
            from ask_sdk_dynamodb.adapter import DynamoDbAdapter

            class _TtlAdapter(DynamoDbAdapter):
                def save_attributes(self, request_envelope: Any, attributes: dict[str, Any]) -> None:
                    table = self.dynamodb.Table(self.table_name)
                    table.put_item(
                        Item={
                            self.partition_key_name: self.partition_keygen(request_envelope),
                            self.attribute_name: attributes,
                            TTL_ATTRIBUTE: attributes["last_visit"] + RETENTION_SECONDS,
                        }
                    )

            self._adapter_instance = _TtlAdapter(
                table_name=self.table_name,
                partition_key_name=KEY_ATTRIBUTE,
                attribute_name=PROFILE_ATTRIBUTE,
                create_table=False,  # the table is deployed by the template, never by the function
                partition_keygen=_key_as_given,
                dynamodb_resource=self._resource_factory(),
            )
        return self._adapter_instance

    def _now(self) -> int:
        return _epoch_seconds(self._clock)

    def load(self, key: str) -> Profile | None:
        try:
            attributes = self._adapter().get_attributes(key)
        except Exception as error:
            raise StorageError(f"dynamodb load failed: {_kind(error)}") from error
        if not isinstance(attributes, dict):  # an item whose profile is not a map: unreadable, not absent
            raise StorageError("dynamodb load failed: UnreadableProfile")
        profile = Profile.from_dict(attributes) if attributes else None
        if profile is not None and profile.expires_at < self._now():
            return None  # DynamoDB deletes expired items lazily (often days later): treat as gone
        return profile

    def save(self, key: str, profile: Profile) -> None:
        item = {
            name: Decimal(value) if isinstance(value, int) else value
            for name, value in profile.to_dict().items()
        }
        try:
            self._adapter().save_attributes(key, item)
        except Exception as error:
            raise StorageError(f"dynamodb save failed: {_kind(error)}") from error

    def delete(self, key: str) -> None:
        try:
            self._adapter().delete_attributes(key)
        except Exception as error:
            raise StorageError(f"dynamodb delete failed: {_kind(error)}") from error


# ---- the store a configuration names ----


def configured(settings: Config, clock: Callable[[], float] | None = None) -> Store:
    """DynamoDB when a table is configured, otherwise the SQLite file in the data folder. Builds nothing
    yet: the table's client and the file are opened on first use."""
    if settings.table_name:
        return DynamoStore(settings.table_name, region=settings.aws_region, clock=clock)
    return SqliteStore(os.path.join(settings.data_dir, SQLITE_FILE), clock=clock)
