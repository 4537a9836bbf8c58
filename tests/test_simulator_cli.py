"""``skill-sim``: the JSON shape other tools depend on, stdin mode, bad input, replay pass and fail."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import scoring
from skill_sim import cli
from skill_sim.measure import screen_only

REPO = Path(__file__).resolve().parent.parent
KEYS = {"utterance", "intent", "slots", "speech", "ssml", "reprompt", "end_session", "card"}


def run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    status = cli.main(["--repo", str(REPO), *argv])
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.startswith("{")]
    return status, lines, captured.err


def test_ask_json_has_the_documented_shape(capsys):
    status, lines, _ = run(capsys, "ask", "--json", "make an appointment for my daughter")
    assert status == 0 and len(lines) == 1
    line = lines[0]
    assert set(line) >= KEYS
    assert line["utterance"] == "make an appointment for my daughter"
    assert line["intent"] == "AppointmentIntent"
    assert line["slots"] == {
        "person": {"value": "my daughter", "id": "CHILD", "name": "my son", "status": "ER_SUCCESS_MATCH"}
    }
    assert "800-436-7936" in line["speech"] and "<" not in line["speech"]
    assert line["ssml"].startswith("<speak>") and 'interpret-as="telephone"' in line["ssml"]
    assert line["reprompt"] and line["end_session"] is False
    assert line["card"]["title"] == "Make an appointment"


def test_each_utterance_is_its_own_one_shot_session(capsys):
    # "yes" in a new session has no offer to accept, whatever the line before offered
    status, lines, _ = run(
        capsys, "ask", "--json", "Alexa, ask baclofen pump guide what is baclofen pump therapy", "yes"
    )
    assert status == 0
    assert [line["intent"] for line in lines] == ["TherapyOverviewIntent", "AMAZON.YesIntent"]
    assert lines[1]["card"] is None or lines[1]["card"]["title"] != "Make an appointment"


def test_opening_the_skill_is_a_launch(capsys):
    _, lines, _ = run(capsys, "ask", "open baclofen pump guide")
    assert lines[0]["request"] == "LaunchRequest" and lines[0]["intent"] is None
    assert "not medical advice" in lines[0]["speech"]


def test_stdin_mode_reads_one_utterance_a_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("help\nmy husband is not breathing\nstop\n"))
    status, lines, _ = run(capsys, "ask", "--json", "-")
    assert status == 0
    assert [line["intent"] for line in lines] == ["AMAZON.HelpIntent", "EmergencyIntent", "AMAZON.StopIntent"]
    assert lines[1]["speech"].startswith("Call 911 now.") and lines[1]["end_session"] is True


def test_bad_lines_get_a_clear_error_line_and_the_rest_still_runs(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" + "very " * 100 + "long\n\u65e5\u672c\nhelp\n"))
    status, lines, err = run(capsys, "ask", "--json", "-")
    assert status == 1
    assert len(lines) == 4
    assert "empty utterance" in lines[0]["error"]
    assert "too long" in lines[1]["error"]
    assert "would not hear" in lines[2]["error"]
    assert all(set(line) >= KEYS for line in lines)
    assert lines[3]["intent"] == "AMAZON.HelpIntent" and "error" not in lines[3]
    assert "Traceback" not in err and "empty utterance" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--locale", "xx-XX", "ask", "help"], "no interaction model for locale 'xx-XX'"),
        (["ask", "--model", "/nonexistent/model.json", "help"], "interaction model not found"),
        (["ask", "--repo", "/", "help"], "is not the skill repository"),
    ],
)
def test_unknown_locale_and_missing_model_give_a_clear_message(capsys, argv, message):
    status = cli.main(argv if "--repo" in argv else ["--repo", str(REPO), *argv])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and "Traceback" not in err


def _script(tmp_path, text: str) -> Path:
    path = tmp_path / "script.yaml"
    path.write_text(text)
    return path


PASSING = """
name: overview then yes
turns:
  - user: launch
    expect: {speech: not medical advice, end_session: false}
  - user: what is baclofen pump therapy
    expect: {intent: TherapyOverviewIntent}
  - user: yes
    expect: {intent: AMAZON.YesIntent, card_title: Make an appointment}
  - user: "off"
    expect: {intent: AMAZON.StopIntent, end_session: true, reprompt: null}
"""


def test_replay_passes_a_correct_script(capsys, tmp_path):
    status = cli.main(["--repo", str(REPO), "replay", str(_script(tmp_path, PASSING))])
    out = capsys.readouterr().out
    assert status == 0
    assert "PASS" in out and "1 passed, 0 failed" in out


def test_replay_fails_with_a_diff_of_what_was_heard(capsys, tmp_path):
    failing = PASSING.replace("card_title: Make an appointment", "card_title: Side effects")
    status = cli.main(["--repo", str(REPO), "replay", str(_script(tmp_path, failing))])
    out = capsys.readouterr().out
    assert status == 1
    assert "FAIL" in out and "turn 3, user: 'yes'" in out
    assert "card_title: expected 'Side effects'" in out and "but got 'Make an appointment'" in out
    assert "0 passed, 1 failed" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("turns: [", "not valid YAML"),
        ("turns: []", "non-empty list under 'turns'"),
        ("turns:\n  - expect: {intent: X}", "each turn needs 'user:"),
        ("turns:\n  - user: help\n    expect: {speach: x}", "'expect' takes only"),
        ("turns:\n  - user: ''", "empty utterance"),
    ],
)
def test_replay_reports_a_broken_script_without_a_traceback(capsys, tmp_path, text, message):
    status = cli.main(["--repo", str(REPO), "replay", str(_script(tmp_path, text))])
    out = capsys.readouterr().out
    assert status == 2
    assert message in out and "Traceback" not in out


def test_replay_of_a_missing_file(capsys):
    assert cli.main(["--repo", str(REPO), "replay", "/nonexistent/script.yaml"]) == 2
    assert "no such file" in capsys.readouterr().out


def test_chat_carries_the_session_and_ends_it_when_the_user_quits(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nwhat is baclofen pump therapy\nyes\nrepeat\nquit\n"))
    assert cli.main(["--repo", str(REPO), "chat"]) == 0
    out = capsys.readouterr().out
    assert "[LaunchRequest]" in out and "not medical advice" in out
    assert out.count("[card] Make an appointment") == 2  # "yes" took the offer; "repeat" said it again
    assert "[SessionEndedRequest]" in out


def test_chat_speak_without_espeak_says_so(capsys, monkeypatch):
    monkeypatch.setattr(cli.shutil, "which", lambda _: None)
    monkeypatch.setattr(sys, "stdin", io.StringIO("help\n"))
    assert cli.main(["--repo", str(REPO), "chat", "--speak"]) == 0
    out = capsys.readouterr().out
    assert "espeak-ng is not installed" in out and "[AMAZON.HelpIntent" in out


def test_the_console_script_is_installed_and_works_from_another_directory(tmp_path):
    script = Path(sys.executable).parent / "skill-sim"
    result = subprocess.run(
        [str(script), "ask", "--json", "what is baclofen pump therapy"],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # the repository is found from the installed package
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["intent"] == "TherapyOverviewIntent" and set(line) >= KEYS


def test_the_functions_request_log_lines_stay_out_of_the_conversation_unless_asked(capsys):
    import logging

    _, _, err = run(capsys, "ask", "how big is the pump")
    assert '"outcome"' not in err
    status = cli.main(["--repo", str(REPO), "--log", "ask", "how big is the pump"])
    assert status == 0 and '"outcome":"answered"' in capsys.readouterr().err
    assert not logging.getLogger("itb_skill.requests").filters  # the function's logging is left as it was


@pytest.mark.parametrize(("which", "silent"), [("rules", "model"), ("model", "rule")])
def test_measure_with_one_screen_keeps_the_other_off_whatever_the_caller_asks(which, silent):
    # assess_request passes use_model itself; a measurement of the rules alone must still not use the model
    from itb_skill import safety

    with screen_only(which):
        decided = safety.assess("my husband is gasping for air", use_rules=True, use_model=True, explain=True)
    assert decided.reasons and not any(reason.startswith(silent) for reason in decided.reasons)


def test_measuring_the_rules_alone_leaves_out_the_learned_caution_on_statements(monkeypatch):
    from itb_skill import safety
    from itb_skill.safety import learned

    # a statement the learned screen hears some danger in, under its possible threshold: the caution band
    monkeypatch.setattr(learned, "score", scoring(0.2))
    said = "nurse couldn't get the needle in for the refill and now i'm shaking stiff and feverish"
    report = [safety.SlotText("report", said)]
    with screen_only("rules"):
        assert safety.assess_request("ReportIntent", report).tier is safety.Tier.NONE
    decided = safety.assess_request("ReportIntent", report, explain=True)
    assert decided.tier is safety.Tier.POSSIBLE
    assert any("a statement that asks nothing" in reason for reason in decided.reasons)
