"""Shared fixtures: every test talks to the real ``lambda_handler`` through one request factory."""

from __future__ import annotations

import pytest

from skill_sim import envelope


class Conversation:
    """A test's side of one Alexa session."""

    def __init__(self, handler, **session_options):
        self.handler = handler
        self.session = envelope.Session(**session_options)

    def launch(self) -> envelope.Heard:
        return envelope.send(self.handler, self.session, envelope.launch_request())

    def intent(self, name: str, **slots) -> envelope.Heard:
        """``slots`` values are plain strings, or (value, resolved_id, slot_type) tuples."""
        built = {}
        for slot_name, spec in slots.items():
            if isinstance(spec, tuple):
                value, resolved_id, slot_type = spec
                built[slot_name] = envelope.slot(slot_name, value, resolved_id, slot_type=slot_type)
            else:
                built[slot_name] = envelope.slot(slot_name, spec)
        return envelope.send(self.handler, self.session, envelope.intent_request(name, built))

    def touch(self, *arguments) -> envelope.Heard:
        """A touch on the screen: a UserEvent with the touched target's SendEvent arguments."""
        return envelope.send(self.handler, self.session, envelope.user_event(*arguments))

    def end(self) -> envelope.Heard:
        return envelope.send(self.handler, self.session, envelope.session_ended_request())


@pytest.fixture
def lambda_handler():
    import lambda_function

    return lambda_function.lambda_handler


@pytest.fixture
def conversation(lambda_handler):
    return Conversation(lambda_handler)


# ---- storage: every test gets its own empty profile store, never the repository's data/ folder ----


@pytest.fixture(autouse=True)
def profile_store_in_tmp(tmp_path, monkeypatch):
    """The configured default store (SQLite) in this test's temp dir; no DynamoDB table configured."""
    from itb_skill import config
    from itb_skill.memory import stores as storage

    monkeypatch.setenv("ITB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TABLE_NAME", raising=False)
    config.get.cache_clear()
    storage.install(None)
    yield tmp_path / "data"
    config.get.cache_clear()
    storage.install(None)


@pytest.fixture
def memory_store():
    """An in-memory fake store, installed for this test; ``.calls`` lists load/save/delete."""
    from itb_skill.memory import stores as storage

    fake = storage.MemoryStore()
    storage.install(fake)
    return fake


@pytest.fixture
def sessions(lambda_handler):
    """A factory of new sessions for the same (default) user: ``sessions()`` is their next visit."""
    return lambda **options: Conversation(lambda_handler, **options)


# ---- AWS without AWS: fake credentials, a DynamoDB endpoint that trickles ----


@pytest.fixture
def aws_env(monkeypatch):
    """Fake credentials and a region, so boto3 never looks for real ones."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def trickling_dynamodb(aws_env, monkeypatch):
    """Starts ``slow_endpoint.TricklingDynamoDB(delay, bodies)`` and makes it the configured table's
    endpoint (``TABLE_NAME``, a valid salt, ``AWS_ENDPOINT_URL_DYNAMODB``); stops it after the test."""
    from itb_skill import config
    from itb_skill.memory import stores as storage
    from slow_endpoint import TricklingDynamoDB

    servers = []

    def start(delay: float, bodies: dict | None = None) -> TricklingDynamoDB:
        server = TricklingDynamoDB(delay, bodies).start()
        servers.append(server)
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", server.url)
        monkeypatch.setenv("TABLE_NAME", "itb-skill-profiles")
        monkeypatch.setenv("USER_HASH_SALT", TEST_SALT)
        config.get.cache_clear()
        storage.install(None)
        return server

    yield start
    for server in servers:
        server.stop()


TEST_SALT = "test-salt-" + "0123456789abcdef" * 3  # long enough for a configured table


# ---- hypothesis profiles (tests/test_fuzz.py): "ci" for make test, "fuzz" for make fuzz ----
# Each fuzz property runs max_examples cases: 5 properties x 420 >= 2,000 in make test; x 10,000 = 50,000.

import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

_FUZZ = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("ci", max_examples=420, derandomize=True, **_FUZZ)
settings.register_profile("fuzz", max_examples=10_000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
