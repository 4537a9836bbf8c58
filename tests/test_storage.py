"""The profile stores: SQLite on disk, DynamoDB through real boto3 calls (moto) and its faults (Stubber)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import TEST_SALT, Conversation
from itb_skill.memory import stores as storage
from itb_skill.memory.profile import RETENTION_SECONDS, Profile, user_key
from skill_sim import envelope

ROOT = Path(__file__).resolve().parent.parent
TABLE = "itb-skill-profiles"
REGION = "us-east-1"
SALT = TEST_SALT
USER = envelope.DEFAULT_USER_ID
ALLOWED = {"visits", "last_visit", "last_topic", "pace"}
NOW = 1_800_000_000


def profile(**overrides) -> Profile:
    values = {"visits": 3, "last_visit": NOW, "last_topic": "appointments", "pace": "slow"}
    return Profile(**{**values, **overrides})


# ---- keys and profiles ----


def test_user_key_is_a_salted_hash_not_the_id():
    key = user_key(USER, SALT)
    assert USER not in key and len(key) == 64
    assert key == user_key(USER, SALT)
    assert key != user_key(USER, "another-salt")
    assert key != user_key("amzn1.ask.account.SOMEONE-ELSE", SALT)


def test_user_key_is_keyed_blake2b_of_the_id():
    import hashlib

    expected = hashlib.blake2b(USER.encode(), digest_size=32, key=SALT.encode(), person=b"itb-user-key")
    assert user_key(USER, SALT) == expected.hexdigest()


def test_a_salt_longer_than_a_blake2_key_still_counts_in_full():
    long_salt = "s" * 200
    key = user_key(USER, long_salt)
    assert len(key) == 64 and key != user_key(USER, long_salt[:64])
    assert key != user_key(USER, long_salt[:-1] + "t")


def test_profile_from_junk_keeps_only_safe_values():
    junk = {"visits": "many", "last_visit": -5, "last_topic": "my son can't walk", "pace": "fast", "x": 1}
    assert Profile.from_dict(junk) == Profile()
    assert Profile.from_dict(None) is None
    huge = {"visits": 10**30, "last_visit": Decimal(10**20), "last_topic": "a" * 1000}
    assert Profile.from_dict(huge) == Profile()


# ---- SQLite: the embedded default ----


def test_sqlite_store_persists_across_instances(tmp_path):
    path = tmp_path / "data" / "profiles.sqlite3"
    storage.SqliteStore(path).save("k1", profile())
    assert storage.SqliteStore(path).load("k1") == profile()
    assert storage.SqliteStore(path).load("k2") is None
    storage.SqliteStore(path).delete("k1")
    assert storage.SqliteStore(path).load("k1") is None


def test_sqlite_store_forgets_a_profile_a_year_after_the_last_visit(tmp_path):
    path = tmp_path / "profiles.sqlite3"
    storage.SqliteStore(path, clock=lambda: NOW).save("k1", profile(last_topic=None))
    later = NOW + RETENTION_SECONDS + 1
    assert storage.SqliteStore(path, clock=lambda: NOW + 60).load("k1") == profile(last_topic=None)
    assert storage.SqliteStore(path, clock=lambda: later).load("k1") is None


def test_sqlite_store_that_cannot_write_raises_storage_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(storage.StorageError):
        storage.SqliteStore(blocker / "profiles.sqlite3").load("k1")


def test_sixteen_processes_opening_a_new_sqlite_file_at_once_all_read_it(tmp_path):
    """SQLite refuses the switch to WAL at once, not after the busy timeout, to all but one of several
    connections opening a new file together: one new file in about fifty had a first read fail, "database
    is locked"."""
    failures: list[str] = []
    for trial in range(60):
        path = tmp_path / f"new{trial}.sqlite3"
        start = threading.Barrier(16)

        def first_read(user: int, path: Path = path, start: threading.Barrier = start) -> None:
            store = storage.SqliteStore(path, clock=lambda: NOW)
            start.wait()
            try:
                store.load(f"user{user}")
            except storage.StorageError as error:
                failures.append(str(error))
            store.close()

        threads = [threading.Thread(target=first_read, args=(user,)) for user in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_sqlite_store_loses_no_write_under_contention(tmp_path):
    """16 writers on one file (as 16 `make chat` processes would be), each counting its own user's visits."""
    path = tmp_path / "profiles.sqlite3"
    writers, rounds = 16, 30
    failures: list[str] = []

    def count_visits(user: int) -> None:
        store = storage.SqliteStore(path, clock=lambda: NOW)  # a connection of its own, like a process
        for _ in range(rounds):
            try:
                stored = store.load(f"user{user}") or Profile(last_visit=NOW)
                store.save(f"user{user}", stored._replace(visits=stored.visits + 1))
            except storage.StorageError as error:
                failures.append(str(error))
        store.close()

    threads = [threading.Thread(target=count_visits, args=(user,)) for user in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    store = storage.SqliteStore(path, clock=lambda: NOW)
    assert [store.load(f"user{user}").visits for user in range(writers)] == [rounds] * writers


def test_without_a_table_the_configured_store_is_sqlite_in_the_data_dir(data_dir, skill, sessions):
    assert isinstance(skill.services.store, storage.SqliteStore)
    conversation = sessions()
    conversation.launch()
    conversation.end()
    assert (data_dir / storage.SQLITE_FILE).exists()
    assert Path(skill.services.store.path).is_relative_to(data_dir)


# ---- DynamoDB: real boto3 calls against moto ----


@pytest.fixture
def dynamodb(aws_env):
    """moto's DynamoDB with the table as the template declares it: hash key ``id`` (S)."""
    from moto import mock_aws

    with mock_aws():
        import boto3

        client = boto3.client("dynamodb", region_name=REGION)
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def count_calls(resource, counts: dict):
    """Count each DynamoDB API call the resource's client makes (retries are not extra calls)."""

    def count(model, **kwargs):
        counts[model.name] = counts.get(model.name, 0) + 1

    resource.meta.client.meta.events.register("provide-client-params.dynamodb", count)
    return resource


def counting_resource(counts: dict):
    """A bounded resource like production's, counting the DynamoDB API calls it makes."""
    return lambda: count_calls(storage._dynamodb_resource(REGION), counts)


def test_dynamodb_round_trip_with_real_boto3_calls(dynamodb):
    store = storage.DynamoStore(TABLE, region=REGION, clock=lambda: NOW)
    key = user_key(USER, SALT)
    assert store.load(key) is None
    store.save(key, profile())
    assert store.load(key) == profile()
    store.save(key, profile(last_topic=None, pace="normal"))
    assert store.load(key) == profile(last_topic=None, pace="normal")
    store.delete(key)
    assert store.load(key) is None


def test_dynamodb_item_holds_only_the_allowed_attributes_under_a_hashed_key(dynamodb):
    key = user_key(USER, SALT)
    storage.DynamoStore(TABLE, region=REGION).save(key, profile())
    (item,) = dynamodb.scan(TableName=TABLE)["Items"]
    assert set(item) == {"id", "attributes", "expires_at"}
    assert set(item["attributes"]["M"]) == ALLOWED
    assert item["id"] == {"S": key}
    assert USER not in json.dumps(item) and "SIMULATED-USER" not in json.dumps(item)
    assert item["expires_at"] == {"N": str(NOW + 365 * 24 * 60 * 60)}  # a number, as TTL requires
    assert item["attributes"]["M"]["visits"] == {"N": "3"}


def test_an_expired_item_not_yet_removed_by_ttl_counts_as_gone(dynamodb):
    key = user_key(USER, SALT)
    storage.DynamoStore(TABLE, region=REGION).save(key, profile())
    late = storage.DynamoStore(TABLE, region=REGION, clock=lambda: NOW + RETENTION_SECONDS + 1)
    assert late.load(key) is None


def test_configured_table_conversation_over_two_sessions_costs_one_read_and_one_write_each(
    dynamodb, monkeypatch, skill_config
):
    from itb_skill.config import from_environment
    from itb_skill.skill import create_skill

    configured = from_environment({"TABLE_NAME": TABLE, "USER_HASH_SALT": SALT, "AWS_REGION": REGION})
    skill = create_skill(configured)
    assert isinstance(skill.services.store, storage.DynamoStore)
    counts: dict = {}
    monkeypatch.setattr(skill.services.store, "_resource_factory", counting_resource(counts))

    def sessions():
        return Conversation(skill.lambda_handler)

    first = sessions()
    first.launch()
    first.intent("SpeakSlowerIntent")
    first.intent("AppointmentIntent")
    first.intent("AMAZON.StopIntent")
    assert counts == {"GetItem": 1, "PutItem": 1}

    second = sessions()
    welcome = second.launch()
    assert welcome.speech.startswith("Welcome back") and '<prosody rate="85%">' in welcome.ssml
    (item,) = dynamodb.scan(TableName=TABLE)["Items"]
    assert item["id"] == {"S": user_key(USER, SALT)}
    assert item["attributes"]["M"]["pace"] == {"S": "slow"}
    assert item["attributes"]["M"]["last_topic"] == {"S": "appointments"}


def test_missing_table_in_moto_still_answers(aws_env, sessions_of):
    from moto import mock_aws

    with mock_aws():
        sessions = sessions_of(storage.DynamoStore("no-such-table", region=REGION))
        welcome = sessions().launch()
    assert "not medical advice" in welcome.speech and welcome.reprompt


def test_the_resource_has_bounded_timeouts_and_retries(aws_env):
    config = storage._dynamodb_resource(REGION).meta.client.meta.config
    assert config.connect_timeout == 1 and config.read_timeout == 1
    assert config.retries == {"total_max_attempts": 1, "mode": "standard"}


# ---- faults: Stubber and a timing-out fake ----


def stubbed():
    """A production-like resource whose client answers from a Stubber queue (no network)."""
    from botocore.stub import Stubber

    resource = storage._dynamodb_resource(REGION)
    stubber = Stubber(resource.meta.client)
    return resource, stubber


@pytest.mark.parametrize(
    "code",
    ["ProvisionedThroughputExceededException", "AccessDeniedException", "ResourceNotFoundException"],
)
def test_a_failing_read_still_answers_without_personalization(aws_env, sessions_of, caplog, code):
    resource, stubber = stubbed()
    stubber.add_client_error("get_item", service_error_code=code, http_status_code=400)
    counts: dict = {}
    count_calls(resource, counts)
    sessions = sessions_of(storage.DynamoStore(TABLE, resource_factory=lambda: resource))
    with stubber:
        conversation = sessions()
        welcome = conversation.launch()
        assert "not medical advice" in welcome.speech and welcome.reprompt
        assert not welcome.speech.startswith(("Sorry", "Welcome back"))
        assert conversation.intent("AppointmentIntent").card["title"] == "Make an appointment"
        assert conversation.intent("AMAZON.StopIntent").end_session is True
        stubber.assert_no_pending_responses()
    assert counts == {"GetItem": 1}  # no write of a profile that could not be read
    assert code in caplog.text
    assert "SIMULATED-USER" not in caplog.text
    assert user_key(USER, "local-development-salt") not in caplog.text


def test_a_failing_write_still_says_goodbye(aws_env, sessions_of, caplog):
    resource, stubber = stubbed()
    stubber.add_response("get_item", {})
    stubber.add_client_error(
        "put_item", service_error_code="ProvisionedThroughputExceededException", http_status_code=400
    )
    sessions = sessions_of(storage.DynamoStore(TABLE, resource_factory=lambda: resource))
    with stubber:
        conversation = sessions()
        conversation.launch()
        goodbye = conversation.intent("AMAZON.StopIntent")
        stubber.assert_no_pending_responses()
    assert goodbye.speech == "Goodbye, and take care." and goodbye.end_session is True
    assert "profile write skipped" in caplog.text


def test_a_failing_delete_tells_the_user(aws_env, sessions_of):
    resource, stubber = stubbed()
    stubber.add_response("get_item", {})
    stubber.add_client_error("delete_item", service_error_code="AccessDeniedException", http_status_code=400)
    sessions = sessions_of(storage.DynamoStore(TABLE, resource_factory=lambda: resource))
    with stubber:
        conversation = sessions()
        conversation.launch()
        conversation.intent("ForgetMeIntent")
        heard = conversation.intent("AMAZON.YesIntent")
        stubber.assert_no_pending_responses()
    assert "couldn't delete" in heard.speech


class TimingOutResource:
    """A DynamoDB resource whose every call times out the way botocore reports it."""

    def __init__(self) -> None:
        self.calls = 0

    def Table(self, name):  # noqa: N802 - boto3's spelling
        return self

    def _time_out(self, **kwargs):
        from botocore.exceptions import ReadTimeoutError

        self.calls += 1
        raise ReadTimeoutError(endpoint_url=f"https://dynamodb.{REGION}.amazonaws.com")

    get_item = put_item = delete_item = _time_out


def test_a_read_timeout_still_answers(aws_env, sessions_of, caplog):
    fake = TimingOutResource()
    sessions = sessions_of(storage.DynamoStore(TABLE, resource_factory=lambda: fake))
    conversation = sessions()
    welcome = conversation.launch()
    assert "not medical advice" in welcome.speech and welcome.reprompt
    assert conversation.intent("AMAZON.StopIntent").end_session is True
    assert fake.calls == 1
    assert "ReadTimeoutError" in caplog.text


def test_no_region_with_a_table_configured_still_answers(monkeypatch, sessions_of):
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    sessions = sessions_of(storage.DynamoStore(TABLE, region=None))
    welcome = sessions().launch()
    assert "not medical advice" in welcome.speech and welcome.reprompt


# ---- boto3 only when DynamoDB is used ----

NO_BOTO_SCRIPT = """
import sys
import lambda_function
from skill_sim import envelope

heard = envelope.send(lambda_function.lambda_handler, envelope.Session(), envelope.launch_request())
assert "not medical advice" in heard.speech, heard.speech
loaded = sorted(name for name in ("boto3", "botocore", "ask_sdk_dynamodb") if name in sys.modules)
print(",".join(loaded) or "none")
"""


def test_answering_without_a_table_never_imports_boto3(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TABLE_NAME", "PYTHONPATH") and not key.startswith("AWS_")
    }
    env.update(
        ITB_DATA_DIR=str(tmp_path), PYTHONPATH=os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "tools")])
    )
    result = subprocess.run(
        [sys.executable, "-c", NO_BOTO_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
    assert list(tmp_path.iterdir())  # it did use the embedded store


def test_item_numbers_are_decimals_for_dynamodb(aws_env):
    # aws_env: the SDK's adapter module builds a boto3 resource at import, which needs a region when this
    # test is the first in the process to import it
    class RecordingTable:
        def __init__(self):
            self.items = []

        def Table(self, name):  # noqa: N802 - boto3's spelling
            return self

        def put_item(self, Item):  # noqa: N803 - boto3's spelling
            self.items.append(Item)

    table = RecordingTable()
    storage.DynamoStore(TABLE, resource_factory=lambda: table).save("k1", profile())
    (item,) = table.items
    numbers = [item["expires_at"], *(v for v in item["attributes"].values() if not isinstance(v, str))]
    assert numbers and all(isinstance(n, Decimal) for n in numbers)


# ---- an unreadable profile is a failed read, not "no profile" ----

UNREADABLE_REPLIES = {
    "not JSON": b'{"Item": {"id": {"S": "k"}, "attributes": {"M": {"visits": {"N": "3"',
    "JSON, not an object": b'["Item"]',
    "profile not a map": {"Item": {"id": {"S": "k"}, "attributes": {"S": "visits=3"}}},
    "no profile in the item": {"Item": {"id": {"S": "k"}}},
}


@pytest.mark.parametrize("reply", UNREADABLE_REPLIES.values(), ids=UNREADABLE_REPLIES.keys())
def test_an_unreadable_profile_is_never_overwritten(trickling_dynamodb, caplog, reply):
    endpoint = trickling_dynamodb(delay=0, bodies={"GetItem": reply})  # HTTP 200, quickly
    conversation = endpoint.session()
    welcome = conversation.launch()
    assert "not medical advice" in welcome.speech and welcome.reprompt
    conversation.intent("SpeakSlowerIntent")  # something to save, if it thought it could
    assert conversation.intent("AMAZON.StopIntent").end_session is True
    assert endpoint.requests == ["GetItem"]  # no PutItem: the stored profile (visits 3) stays
    assert "profile read skipped" in caplog.text
    assert "SIMULATED-USER" not in caplog.text and "visits=3" not in caplog.text


def test_a_readable_empty_reply_is_a_new_user_and_is_written(trickling_dynamodb):
    endpoint = trickling_dynamodb(delay=0, bodies={"GetItem": {}})
    conversation = endpoint.session()
    conversation.launch()
    conversation.intent("AMAZON.StopIntent")
    assert endpoint.requests == ["GetItem", "PutItem"]


# ---- logging: botocore never writes the key or the profile, whatever the log level ----


def test_debug_logging_never_writes_the_key_or_the_profile(trickling_dynamodb, caplog):
    import logging

    caplog.set_level(logging.DEBUG)  # as LOG_LEVEL=DEBUG (or Lambda's log level) would set the root logger
    stored = {
        "Item": {"id": {"S": "k"}, "attributes": {"M": {"visits": {"N": "3"}, "last_visit": {"N": "1"}}}}
    }
    endpoint = trickling_dynamodb(delay=0, bodies={"GetItem": stored})
    conversation = endpoint.session()
    conversation.launch()
    conversation.intent("SpeakSlowerIntent")
    conversation.intent("AMAZON.StopIntent")
    assert endpoint.requests == ["GetItem", "PutItem"]  # it did talk to the table
    key = user_key(USER, TEST_SALT)
    assert key not in caplog.text
    assert '"visits"' not in caplog.text and "last_visit" not in caplog.text
    assert all(
        logging.getLogger(name).getEffectiveLevel() >= logging.WARNING for name in ("botocore", "boto3")
    )
