"""Every answer as heard matches tests/golden/answers.txt: a content change shows up as a readable diff there,
and a refactor that must not change what users hear proves it did not."""

from __future__ import annotations

import golden


def test_every_answer_is_heard_as_the_golden_file_says():
    expected = golden.GOLDEN.read_text(encoding="utf-8")
    actual = golden.render()
    if actual != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), "golden", "now", n=1
            )
        )
        raise AssertionError(f"what the skill says changed (python -m golden to accept):\n{diff[:4000]}")
