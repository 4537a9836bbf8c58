"""template.yaml deploys what the issue asks for; cfn-lint (as CI runs it) accepts it and rejects mistakes."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from cfnlint.decode import cfn_yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
BROKEN = ROOT / "tests" / "fixtures" / "lint" / "template_broken.yaml"


def cfn_lint(path: Path) -> subprocess.CompletedProcess[str]:
    """Run the cfn-lint command installed beside this interpreter, exactly as `make lint` does."""
    script = Path(sysconfig.get_path("scripts")) / "cfn-lint"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cfnlint.runner"]
    return subprocess.run([*command, str(path)], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def template() -> dict:
    return cfn_yaml.load(str(TEMPLATE))


@pytest.fixture(scope="module")
def resources(template) -> dict:
    return template["Resources"]


def _of_type(resources: dict, type_name: str) -> tuple[str, dict]:
    found = [(name, r) for name, r in resources.items() if r["Type"] == type_name]
    assert len(found) == 1, f"expected one {type_name}, found {[n for n, _ in found]}"
    return found[0]


def test_cfn_lint_passes_with_no_errors_or_warnings():
    result = cfn_lint(TEMPLATE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_cfn_lint_rejects_the_broken_fixture():
    result = cfn_lint(BROKEN)
    assert result.returncode != 0
    for rule in ("E2531", "E3002", "E3030", "W3011"):  # old runtime, SkillID typo, billing mode, Retain pair
        assert rule in result.stdout, f"{rule} missing from:\n{result.stdout}"


def test_cfn_lint_fails_on_a_warning_alone(tmp_path):
    """CI must stop on warnings too: dropping UpdateReplacePolicy from the table is only a warning."""
    text = TEMPLATE.read_text().replace("    UpdateReplacePolicy: Retain\n", "", 1)
    assert text != TEMPLATE.read_text()
    changed = tmp_path / "template.yaml"
    changed.write_text(text)
    result = cfn_lint(changed)
    assert result.returncode != 0 and "W3011" in result.stdout


def test_function_runtime_architecture_and_alexa_limits(resources):
    _, function = _of_type(resources, "AWS::Serverless::Function")
    props = function["Properties"]
    assert props["Handler"] == "lambda_function.lambda_handler"
    major, minor = (int(x) for x in props["Runtime"].removeprefix("python").split("."))
    assert (major, minor) >= (3, 12)
    assert props["Architectures"] == ["arm64"]
    assert props["Timeout"] < 8, "Alexa gives up after 8 seconds"
    assert 128 <= props["MemorySize"] <= 1024


def test_function_environment_comes_from_the_stack(template, resources):
    name, function = _of_type(resources, "AWS::Serverless::Function")
    variables = function["Properties"]["Environment"]["Variables"]
    table_name, _ = _of_type(resources, "AWS::DynamoDB::Table")
    assert variables["TABLE_NAME"] == {"Ref": table_name}
    assert variables["SKILL_ID"] == {"Ref": "SkillId"}
    assert variables["USER_HASH_SALT"] == {"Ref": "UserHashSalt"}
    assert template["Parameters"]["UserHashSalt"]["NoEcho"] is True


def test_only_this_skill_may_invoke_the_function(template, resources):
    _, function = _of_type(resources, "AWS::Serverless::Function")
    events = function["Properties"]["Events"].values()
    alexa = [e for e in events if e["Type"] == "AlexaSkill"]
    assert len(alexa) == 1
    # the skill id parameter, left out only while it is empty (the first deploy, before the skill exists)
    condition, when_set, when_empty = alexa[0]["Properties"]["SkillId"]["Fn::If"]
    assert when_set == {"Ref": "SkillId"}
    assert when_empty == {"Ref": "AWS::NoValue"}
    assert template["Conditions"][condition] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "SkillId"}, ""]}]}


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("amzn1.ask.skill.0a1b2c3d-0000-4000-8000-00000000abcd", True),
        ("", True),
        ("amzn1.ask.skill.not-a-uuid", False),
        ("arn:aws:lambda:us-east-1:123456789012:function:x", False),
    ],
)
def test_skill_id_parameter_accepts_only_a_skill_id_or_nothing(template, value, accepted):
    pattern = template["Parameters"]["SkillId"]["AllowedPattern"]
    assert bool(re.fullmatch(pattern, value)) is accepted


def test_table_keeps_data_across_stack_changes_and_is_encrypted(resources):
    _, table = _of_type(resources, "AWS::DynamoDB::Table")
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert props["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]


def test_a_forgotten_profile_cannot_be_restored_from_a_backup(resources):
    """ "Forget me" and disabling the skill delete a profile for good: the table keeps no point-in-time
    recovery (35 days of restorable history) and nothing else in the stack backs it up."""
    _, table = _of_type(resources, "AWS::DynamoDB::Table")
    recovery = table["Properties"].get("PointInTimeRecoverySpecification", {})
    assert recovery.get("PointInTimeRecoveryEnabled", False) is False
    assert not [name for name, r in resources.items() if r["Type"].startswith("AWS::Backup::")]


def test_role_is_least_privilege_and_scoped_to_the_table(resources):
    _, function = _of_type(resources, "AWS::Serverless::Function")
    role_name, role = _of_type(resources, "AWS::IAM::Role")
    table_name, _ = _of_type(resources, "AWS::DynamoDB::Table")
    log_group_name, _ = _of_type(resources, "AWS::Logs::LogGroup")
    props = function["Properties"]
    assert props["Role"] == {"Fn::GetAtt": [role_name, "Arn"]}
    assert "Policies" not in props, "SAM policy templates would add broader managed policies"
    assert "ManagedPolicyArns" not in role["Properties"]

    statements = [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]
    dynamodb_actions: set[str] = set()
    for statement in statements:
        assert statement["Effect"] == "Allow"
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        assert all("*" not in action for action in actions), actions
        resource = statement["Resource"]
        assert resource != "*" and "*" not in str(resource), resource
        if any(a.startswith("dynamodb:") for a in actions):
            assert resource == {"Fn::GetAtt": [table_name, "Arn"]}
            dynamodb_actions.update(actions)
        else:
            assert all(a.startswith("logs:") for a in actions)
            assert resource == {"Fn::GetAtt": [log_group_name, "Arn"]}
    # what ask-sdk-dynamodb-persistence-adapter calls: get_item, put_item, delete_item
    assert dynamodb_actions == {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"}


def test_logs_go_to_a_log_group_with_retention(resources):
    _, function = _of_type(resources, "AWS::Serverless::Function")
    log_group_name, log_group = _of_type(resources, "AWS::Logs::LogGroup")
    assert function["Properties"]["LoggingConfig"]["LogGroup"] == {"Ref": log_group_name}
    assert "RetentionInDays" in log_group["Properties"]


def test_outputs_give_the_function_arn_for_the_skill_endpoint(template, resources):
    name, _ = _of_type(resources, "AWS::Serverless::Function")
    values = [o["Value"] for o in template["Outputs"].values()]
    assert {"Fn::GetAtt": [name, "Arn"]} in values


# ---- what ships, and operations (issue 16) ----


def test_the_function_deploys_the_zip_that_make_package_builds(resources):
    import build_zip  # tools/build_zip.py: the same path `make package` writes

    _, function = _of_type(resources, "AWS::Serverless::Function")
    assert function["Properties"]["CodeUri"] == "build/skill.zip"
    assert "build/skill.zip" in (ROOT / "Makefile").read_text()
    assert build_zip.PLATFORM.endswith("aarch64") and function["Properties"]["Architectures"] == ["arm64"]


def _substituted_dashboard(resources) -> dict:
    import json

    _, dashboard = _of_type(resources, "AWS::CloudWatch::Dashboard")
    body, variables = dashboard["Properties"]["DashboardBody"]["Fn::Sub"]
    text = body
    for name, value in variables.items():
        text = text.replace("${" + name + "}", value)
    text = re.sub(r"\$\{[A-Za-z:.]+\}", "X", text)  # pseudo parameters and attributes: any string
    return json.loads(text)


def _metrics_in(widget) -> list:
    return widget["properties"].get("metrics", [])


def test_dashboard_shows_the_metrics_the_skill_emits(resources):
    import json

    from itb_skill import telemetry

    widgets = _substituted_dashboard(resources)["widgets"]
    text = json.dumps(widgets)
    emitted = ("Requests", "Emergencies", "Fallbacks", "Errors", "Refused", "duration_ms", "TopicRequests")
    for metric in emitted:
        assert metric in text, f"{metric} is not on the dashboard"
    assert telemetry.NAMESPACE in text
    _, dashboard = _of_type(resources, "AWS::CloudWatch::Dashboard")
    assert dashboard["Properties"]["DashboardBody"]["Fn::Sub"][1]["Service"] == telemetry.SERVICE
    stats = [m[-1].get("stat") for w in widgets for m in _metrics_in(w) if isinstance(m[-1], dict)]
    assert {"p50", "p99"} <= set(stats)


def test_every_skill_metric_the_alarms_read_is_one_the_skill_emits(resources):
    from itb_skill import telemetry

    record = telemetry.build_record({"request": {"type": "LaunchRequest"}}, "fallback", None, 1.0)
    emitted = {m["Name"] for d in record["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]}
    for name, alarm in resources.items():
        if alarm["Type"] != "AWS::CloudWatch::Alarm":
            continue
        queries = alarm["Properties"].get("Metrics", [])
        stats = [m["MetricStat"]["Metric"] for m in queries if "MetricStat" in m]
        if "Namespace" in alarm["Properties"]:
            stats.append(alarm["Properties"])
        for metric in stats:
            if metric["Namespace"] == telemetry.NAMESPACE:
                assert metric["MetricName"] in emitted, name
                assert metric["Dimensions"] == [{"Name": "service", "Value": telemetry.SERVICE}], name


def _alarm(resources, name) -> dict:
    alarm = resources[name]
    assert alarm["Type"] == "AWS::CloudWatch::Alarm"
    return alarm["Properties"]


def test_alarms_for_errors_duration_throttles_and_fallbacks_mail_the_topic(template, resources):
    topic_name, _ = _of_type(resources, "AWS::SNS::Topic")
    for name in ("ErrorsAlarm", "DurationAlarm", "ThrottlesAlarm", "FallbacksAlarm"):
        props = _alarm(resources, name)
        assert props["AlarmActions"] == [{"Ref": topic_name}], name
        assert props["TreatMissingData"] == "notBreaching", name
    _, subscription = _of_type(resources, "AWS::SNS::Subscription")
    assert subscription["Properties"]["Endpoint"] == {"Ref": "AlarmEmail"}
    assert subscription["Condition"] == "HasAlarmEmail"
    assert template["Parameters"]["AlarmEmail"]["Default"] == ""


def test_the_duration_alarm_fires_near_the_timeout(resources):
    _, function = _of_type(resources, "AWS::Serverless::Function")
    timeout_ms = function["Properties"]["Timeout"] * 1000
    props = _alarm(resources, "DurationAlarm")
    assert props["MetricName"] == "Duration" and props["Statistic"] == "Maximum"
    assert 0.7 * timeout_ms <= props["Threshold"] < timeout_ms


def test_the_errors_alarm_counts_error_answers_and_failed_invocations(resources):
    metrics = {m["Id"]: m for m in _alarm(resources, "ErrorsAlarm")["Metrics"]}
    namespaces = {m["MetricStat"]["Metric"]["Namespace"] for m in metrics.values() if "MetricStat" in m}
    assert namespaces == {"ITBPumpSkill", "AWS/Lambda"}
    assert [m for m in metrics.values() if m["ReturnData"]][0]["Expression"].count("FILL") == 2


def test_the_fallbacks_alarm_watches_for_a_sudden_change_either_way(resources):
    props = _alarm(resources, "FallbacksAlarm")
    assert props["ComparisonOperator"] == "LessThanLowerOrGreaterThanUpperThreshold"
    band = next(m for m in props["Metrics"] if m["Id"] == props["ThresholdMetricId"])
    assert band["Expression"].startswith("ANOMALY_DETECTION_BAND(")


def test_the_privacy_and_terms_pages_are_published_privately_over_https(template, resources):
    _, bucket = _of_type(resources, "AWS::S3::Bucket")
    assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
    _, distribution = _of_type(resources, "AWS::CloudFront::Distribution")
    config = distribution["Properties"]["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    outputs = template["Outputs"]
    for key, page in (("PrivacyPolicyUrl", "privacy.html"), ("TermsOfUseUrl", "terms.html")):
        assert outputs[key]["Value"]["Fn::Sub"].startswith("https://")
        assert outputs[key]["Value"]["Fn::Sub"].endswith("/" + page)
        assert (ROOT / "site" / page).is_file()
