"""``model-lint``: check the models and the manifest (and, with ``--smapi``, read them with Amazon's classes).

``--set-endpoint ARN --privacy-url URL --terms-url URL`` renders the package that ships: a copy of the skill
package in ``--out`` (default build/skill-package) with the function ARN and the stack's page URLs filled in,
linted as a release. Deploy-time values never go into the tracked files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from model_lint.rules import DEPLOY_TIME_URLS, ENDPOINT_PLACEHOLDER, HTTPS_URL, LAMBDA_ARN, lint_package

PACKAGE = Path("interaction_model") / "skill-package"
RELEASE = Path("build") / "skill-package"


def render_release(source: Path, out: Path, arn: str, urls: dict[str, str]) -> Path:
    """Copy the skill package ``source`` to ``out``, fill in what only a deploy knows; return the manifest."""
    if not LAMBDA_ARN.match(arn):
        raise SystemExit(f"model-lint: {arn!r} is not a Lambda function ARN")
    for field, url in urls.items():
        if not HTTPS_URL.match(url or ""):
            raise SystemExit(f"model-lint: {field} {url!r} is not an https URL")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    manifest_path = out / "skill.json"
    document = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest = document["manifest"]
    manifest.setdefault("apis", {}).setdefault("custom", {})["endpoint"] = {"uri": arn}
    if "events" in manifest:
        manifest["events"]["endpoint"] = {"uri": arn}
    privacy = manifest.setdefault("privacyAndCompliance", {}).setdefault("locales", {})
    for locale in manifest["publishingInformation"]["locales"]:
        privacy.setdefault(locale, {}).update(urls)
    manifest_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest_path


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
        "--smapi", action="store_true", help="also read each file with ask-smapi-model's classes"
    )
    parser.add_argument(
        "--release", action="store_true", help="lint as the package that ships (endpoints and URLs filled in)"
    )
    parser.add_argument(
        "--set-endpoint",
        metavar="ARN",
        help=f"render the release package with this function ARN in place of {ENDPOINT_PLACEHOLDER}",
    )
    parser.add_argument("--privacy-url", help="the stack output PrivacyPolicyUrl (with --set-endpoint)")
    parser.add_argument("--terms-url", help="the stack output TermsOfUseUrl (with --set-endpoint)")
    parser.add_argument(
        "--out", type=Path, default=RELEASE, help=f"release package folder (default {RELEASE})"
    )
    args = parser.parse_args(argv)

    release = args.release
    manifest = None if args.no_manifest else (args.manifest or PACKAGE / "skill.json")
    models = args.models
    if args.set_endpoint:
        urls = dict(zip(DEPLOY_TIME_URLS, (args.privacy_url, args.terms_url), strict=True))
        source = (args.manifest or PACKAGE / "skill.json").parent
        manifest = render_release(source, args.out, args.set_endpoint, urls)
        models = sorted((args.out / "interactionModels" / "custom").glob("*.json"))
        release = True
    models = models or sorted((PACKAGE / "interactionModels" / "custom").glob("*.json"))
    if not models:
        print("model-lint: no interaction model found", file=sys.stderr)
        return 2

    findings = lint_package(models, manifest, release=release, smapi=args.smapi)
    for finding in findings:
        print(finding, file=sys.stderr)
    checked = ", ".join(str(p) for p in [*models, *([manifest] if manifest else [])])
    if findings:
        print(f"model-lint: {len(findings)} problem(s) in {checked}", file=sys.stderr)
        return 1
    print(f"model-lint: ok{' (release)' if release else ''}{' (smapi)' if args.smapi else ''} ({checked})")
    return 0
