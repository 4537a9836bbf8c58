"""Every answer the skill can give, as it is heard, in one readable file: ``tests/golden/answers.txt``.

    python -m golden          write the file (after a deliberate content or wording change)
    python -m golden --check  exit 1 when what the skill says differs from the file

The answers come from the clinician review's catalog (``tools/review``: every topic part with what is
offered after it, every conversation string, the emergency, crisis and error responses), rendered by the
function's own SSML renderer and read the way Alexa reads it. A change to any word shows up as a diff of
this file, so a refactor that must not change behaviour can prove it did not.
"""

from __future__ import annotations

import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden" / "answers.txt"


def render() -> str:
    from review import catalog

    lines = [
        "# Every answer the skill can give, as heard. Written by `python -m golden` (tools/golden);",
        "# make test fails when the skill says anything else: rewrite it only for a deliberate change.",
    ]
    for answer in sorted(catalog.build(), key=lambda a: a.id):
        lines.append("")
        lines.append(f"## {answer.id}")
        lines.append(f"heard: {answer.heard}")
        if answer.reprompt:
            lines.append(f"reprompt: {answer.reprompt}")
        if answer.card_title or answer.card:
            lines.append(f"card: {answer.card_title} | {answer.card}")
        lines.append(f"ends the session: {'yes' if answer.ends_session else 'no'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args == ["--check"]:
        if not GOLDEN.exists() or GOLDEN.read_text(encoding="utf-8") != text:
            print("golden: what the skill says differs from tests/golden/answers.txt (python -m golden)")
            return 1
        return 0
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"golden: wrote {GOLDEN}")
    return 0
