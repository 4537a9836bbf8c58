"""``make apl-lint``: every screen the skill can send, checked; exit 1 on any finding.

    python -m apl_check [--out build/apl]

1. Writes each document with a data source the skill really builds (``itb_skill.visuals``) to OUT: the two
   documents on disk (answer, menu) and the two built from constants (emergency, captions).
2. Runs Amazon's apl-suggester over them (``suggester/suggest.js``, installed by the Makefile with
   ``npm ci``): no finding at all is allowed.
3. Checks what the suggester does not (``checks``): component and command types and responsive-component
   parameters against the specification's lists, nothing that moves by itself, WCAG AA contrast and the
   font-size floors per viewport. Prints the contrast and size figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from apl_check import checks

ROOT = os.path.dirname(os.path.dirname(checks.HERE))
SUGGESTER = os.path.join(checks.HERE, "suggester")


def screens() -> dict[str, tuple[dict, dict]]:
    """name -> (document, a data source the skill builds for it)."""
    from itb_skill import answers, content, safety, visuals

    texts = content.load()
    answer = visuals.screen(answers.topic_reply(texts, "appointments"), "", texts.phones, "normal", texts)
    menu = visuals.screen(answers.simple_reply(texts, "welcome"), "", texts.phones, "slow", texts)
    fallback = answers.fallback_reply(texts)
    fallback.outcome = "error"  # the captions screen, as errors and broken documents get it
    captions = visuals.screen(fallback, safety.OPENER, texts.phones, "normal", texts)
    emergency = visuals.emergency_screen(safety.CRISIS)
    return {name: (document, data) for name, document, data in (answer, menu, captions, emergency)}


def run_suggester(paths: list[str]) -> tuple[int, list[dict]]:
    if not os.path.isdir(os.path.join(SUGGESTER, "node_modules", "apl-suggester")):
        sys.exit("apl_check: apl-suggester is not installed (make apl-lint installs it with npm ci)")
    done = subprocess.run(
        ["node", os.path.join(SUGGESTER, "suggest.js"), checks.HERE, *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode not in (0, 1) or len(results) != len(paths):
        sys.exit(f"apl_check: the suggester did not run ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.returncode, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="apl_check", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "apl"))
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    paths, failed = [], False
    built = screens()
    for name, (document, data) in built.items():
        path = os.path.join(args.out, f"{name}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"document": document, "datasources": data}, handle, indent=1)
        paths.append(path)

    status, results = run_suggester(paths)
    for result in results:
        findings = result["findings"]
        print(f"apl-suggester {result['file']}: {len(findings)} findings")
        for finding in findings:
            print(f"    {json.dumps(finding)}")
    failed = status != 0

    for name, (document, _) in built.items():
        findings = checks.type_findings(document)
        text_checks, text_findings = checks.texts(name, document)
        findings += text_findings
        components, commands, _ = checks.walk(document)
        print(
            f"spec {name}: {len(components)} components, {len(commands)} commands, {len(findings)} findings"
        )
        for viewport in checks.VIEWPORTS:
            here = [check for check in text_checks if check.viewport == viewport]
            sizes = sorted({check.font_dp for check in here if check.font_dp is not None})
            lowest = min(here, key=lambda check: check.ratio)
            print(
                f"    {viewport}: lowest contrast {lowest.ratio:.1f}:1 "
                f"({lowest.color} on {lowest.background}), "
                f"text sizes {', '.join(f'{size:g}' for size in sizes)} dp "
                f"(floor {checks.VIEWPORTS[viewport]['min_font_dp']})"
            )
        for finding in findings:
            print(f"    FINDING {finding}")
        failed = failed or bool(findings)
    print("apl_check: " + ("FAILED" if failed else "every screen passes"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
