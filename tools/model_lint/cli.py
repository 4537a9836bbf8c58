"""``model-lint``: check the models and the manifest; ``--set-endpoint ARN`` fills the manifest endpoints."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from model_lint.rules import ENDPOINT_PLACEHOLDER, LAMBDA_ARN, lint_package

PACKAGE = Path("interaction_model") / "skill-package"


def set_endpoint(manifest_path: Path, arn: str) -> None:
    """Write the function ARN (the SAM output SkillFunctionArn) into every endpoint of the manifest."""
    if not LAMBDA_ARN.match(arn):
        raise SystemExit(f"model-lint: {arn!r} is not a Lambda function ARN")
    document = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest = document["manifest"]
    manifest.setdefault("apis", {}).setdefault("custom", {})["endpoint"] = {"uri": arn}
    if "events" in manifest:
        manifest["events"]["endpoint"] = {"uri": arn}
    manifest_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="model-lint", description="Fail on what Alexa's model build or certification would reject."
    )
    parser.add_argument(
        "models",
        nargs="*",
        type=Path,
        help="interaction model files named <locale>.json (default: every model in the skill package)",
    )
    parser.add_argument("--manifest", type=Path, help="skill.json (default: the skill package's)")
    parser.add_argument("--no-manifest", action="store_true", help="check the models only")
    parser.add_argument(
        "--set-endpoint",
        metavar="ARN",
        help=f"write this function ARN over {ENDPOINT_PLACEHOLDER} in the manifest, then lint",
    )
    args = parser.parse_args(argv)

    models = args.models or sorted((PACKAGE / "interactionModels" / "custom").glob("*.json"))
    manifest = None if args.no_manifest else (args.manifest or PACKAGE / "skill.json")
    if not models:
        print("model-lint: no interaction model found", file=sys.stderr)
        return 2
    if args.set_endpoint:
        set_endpoint(manifest or PACKAGE / "skill.json", args.set_endpoint)

    findings = lint_package(models, manifest)
    for finding in findings:
        print(finding, file=sys.stderr)
    checked = ", ".join(str(p) for p in [*models, *([manifest] if manifest else [])])
    if findings:
        print(f"model-lint: {len(findings)} problem(s) in {checked}", file=sys.stderr)
        return 1
    print(f"model-lint: ok ({checked})")
    return 0
