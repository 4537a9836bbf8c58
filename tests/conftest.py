"""Shared fixtures: every test talks to the real ``lambda_handler`` through one request factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from itb_skill.config import Config
from itb_skill.memory.stores import MemoryStore
from itb_skill.skill import Skill, create_skill
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


# ---- the skill under test: built by the factory for each test, with the test's own store and clock ----


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """This test's own data folder. The skills tests build keep their SQLite profiles here; anything a
    test starts that reads the environment (a tool in-process, a subprocess) finds this one, never the
    repository's data/, and no DynamoDB table."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ITB_DATA_DIR", str(folder))
    monkeypatch.delenv("TABLE_NAME", raising=False)
    return folder


@pytest.fixture
def skill_config(data_dir) -> Config:
    """The configuration of a local run: no skill id checked, no table, this test's data folder."""
    return Config(data_dir=str(data_dir))


@pytest.fixture
def memory_store() -> MemoryStore:
    """An in-memory fake store; a test that asks for it gets a ``skill`` that keeps profiles in it.
    ``.calls`` lists load/save/delete."""
    return MemoryStore()


@pytest.fixture
def skill(request, skill_config) -> Skill:
    """The skill under test, of this test alone: its profiles in the SQLite file of ``data_dir``, or in the
    test's ``memory_store`` and by the test's ``clock`` when the test asks for those fixtures."""
    store = request.getfixturevalue("memory_store") if "memory_store" in request.fixturenames else None
    clock = request.getfixturevalue("clock") if "clock" in request.fixturenames else None
    return create_skill(skill_config, store, clock)


@pytest.fixture
def lambda_handler(skill):
    return skill.lambda_handler


@pytest.fixture
def conversation(lambda_handler):
    return Conversation(lambda_handler)


@pytest.fixture
def sessions(lambda_handler):
    """A factory of new sessions for the same (default) user: ``sessions()`` is their next visit."""
    return lambda **options: Conversation(lambda_handler, **options)


@pytest.fixture
def sessions_of(skill_config):
    """``sessions_of(store=None, config=None, clock=None)``: like ``sessions``, with a skill of their own
    built over ``store`` (and ``config``, ``clock``)."""

    def build(store=None, config: Config | None = None, clock=None):
        handler = create_skill(config or skill_config, store, clock).lambda_handler
        return lambda **options: Conversation(handler, **options)

    return build


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


class Table:
    """A skill whose DynamoDB table is a local endpoint that answers ``delay`` seconds a byte."""

    def __init__(self, server, skill: Skill) -> None:
        self.server = server
        self.skill = skill

    @property
    def requests(self) -> list[str]:
        """The DynamoDB operations the endpoint received, in order."""
        return self.server.requests

    def session(self, **options) -> Conversation:
        return Conversation(self.skill.lambda_handler, **options)


@pytest.fixture
def trickling_dynamodb(aws_env, monkeypatch, data_dir):
    """``start(delay, bodies, clock=None)`` starts ``slow_endpoint.TricklingDynamoDB`` and returns a
    ``Table``: a skill configured for a table there (a valid salt); the endpoint stops after the test."""
    from slow_endpoint import TricklingDynamoDB

    servers = []

    def start(delay: float, bodies: dict | None = None, clock=None) -> Table:
        server = TricklingDynamoDB(delay, bodies).start()
        servers.append(server)
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", server.url)  # read by boto3
        config = Config(
            table_name=TABLE, user_hash_salt=TEST_SALT, aws_region="us-east-1", data_dir=str(data_dir)
        )
        return Table(server, create_skill(config, clock=clock))

    yield start
    for server in servers:
        server.stop()


TABLE = "itb-skill-profiles"
TEST_SALT = "test-salt-" + "0123456789abcdef" * 3  # long enough for a configured table


# ---- test levels: `make test-fast` leaves out the corpora, the tools' checks and the fuzzing ----
# (every line of every corpus through the skill, the model linter and Amazon's classes, the review report, the
# deployment zip, the voice loop, DynamoDB endpoints that trickle). `make test` runs everything.
SLOW_MODULES = frozenset(
    {
        "test_build_zip",
        "test_clinical_review",
        "test_emergency_routing",
        "test_fuzz",
        "test_heldout_questions",
        "test_model_lint",
        "test_qa_regressions",
        "test_resolver_alternation",
        "test_review",
        "test_safety",
        "test_safety_patterns",
        "test_simulator_cli",
        "test_storage_deadline",
        "test_template",
        "test_voice",
    }
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rpartition(".")[2] if item.module is not None else ""
        if module in SLOW_MODULES or "trickling_dynamodb" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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
