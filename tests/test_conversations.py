"""Every scripted conversation in tests/conversations/ replays through the real function."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill_sim.replay import run_script

SCRIPTS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


def test_there_are_scripts_to_replay():
    assert len(SCRIPTS) >= 4


@pytest.mark.parametrize("script", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_conversation(script):
    result = run_script(script)
    assert result.passed, result.report()
