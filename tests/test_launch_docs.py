"""What a hospital needs to launch and run the skill is written down where the README points, and the deploy
script ships the tested zip with the pinned ASK CLI."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from cfnlint.decode import cfn_yaml

ROOT = Path(__file__).resolve().parent.parent
RUNBOOK = ROOT / "docs" / "runbook.md"


def test_the_runbook_says_what_each_alarm_in_the_template_means():
    template = cfn_yaml.load(str(ROOT / "template.yaml"))
    alarms = [name for name, r in template["Resources"].items() if r["Type"] == "AWS::CloudWatch::Alarm"]
    text = RUNBOOK.read_text()
    assert len(alarms) == 4
    for name in alarms:
        section = re.search(rf"^### .*\(`{name}`\)\n(.*?)(?=^##)", text, re.S | re.M)
        assert section, f"docs/runbook.md has no section for {name}"
        assert "**Means**" in section.group(1) and "**Do**" in section.group(1)
    for heading in ("## Rolling back", "## Updating content safely"):
        assert heading in text
    steps = text.split("## Updating content safely")[1]
    for step in ("**Edit**", "**`make test`**", "**`make review`**", "**Sign-off**", "**Deploy**"):
        assert step in steps


def test_the_readme_points_to_the_report_the_certification_package_and_the_runbook():
    readme = (ROOT / "README.md").read_text()
    for needed in ("make review", "docs/runbook.md", "## Store listing and certification", "make deploy",
                   "Python 3.13", "apt-get install -y chromium", "open baclofen pump guide"):  # fmt: skip
        assert needed in readme, needed


def test_the_ask_cli_is_pinned_with_the_working_antlr4ts():
    package = json.loads((ROOT / "tools" / "ask-cli" / "package.json").read_text())
    assert package["dependencies"] == {"ask-cli": "2.30.7"}
    assert package["overrides"] == {"antlr4ts": "0.5.0-alpha.4"}
    assert "antlr4ts@0.5.0-alpha.4" in (ROOT / "README.md").read_text()


def test_the_deploy_script_ships_the_tested_zip_and_checks_what_lambda_runs():
    script = ROOT / "tools" / "deploy.sh"
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text()
    assert "sam build" not in text.replace("no `sam build`", "")
    needed_steps = ("make package", "cpython-313.pyc", "CodeSha256", "clinical-review --check")
    for needed in (*needed_steps, "--set-endpoint", "tools/ask-cli", "ALLOW_UNAPPROVED"):
        assert needed in text, needed
