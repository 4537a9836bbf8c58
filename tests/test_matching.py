"""The nearest-phrasing matcher (``itb_skill.matching``): pure, on the shipped phrasings and content."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from itb_skill import content, matching

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import phrasings  # noqa: E402  (tools/phrasings.py)

TEXTS = content.load("en-US")


def test_a_match_names_the_phrasing_that_decided_it():
    found = matching.best(TEXTS, "how many hours does the surgery last")
    assert found is not None and found.topic == "surgery_length" and found.confident
    assert found.phrasing in found.explain() and found.explain().startswith("understood: surgery_length")


def test_words_no_phrasing_has_pull_a_question_away_from_every_topic():
    plain = matching.best(TEXTS, "how big is the pump")
    padded = matching.best(TEXTS, "how big is the pump my cousin took on the ferry to spain")
    assert plain is not None and padded is not None and padded.topic == plain.topic
    assert padded.score < plain.score and not padded.confident


@pytest.mark.parametrize("text", ["", None, "um well you know", "the weather in boston"])
def test_words_that_share_nothing_with_a_phrasing_match_nothing(text):
    found = matching.best(TEXTS, text)
    assert found is None or not found.confident


def test_british_spellings_match_the_american_phrasings():
    british, american = (
        matching.best(TEXTS, f"will i be under general {w}") for w in ("anaesthesia", "anesthesia")
    )
    assert british == american and british is not None and british.topic == "anesthesia"


def test_the_shipped_phrasings_are_the_models():
    # make lint runs `tools/phrasings.py --check` too; this says which file and why in the test report.
    shipped = json.loads((ROOT / "lambda/phrasings/en-US.json").read_text(encoding="utf-8"))
    assert json.loads(phrasings.render("en-US")) == shipped, "run make phrasings"


@pytest.mark.parametrize(
    ("initialization", "built"), [("on-demand", "False 0"), ("provisioned-concurrency", "True 1")]
)
def test_the_phrasings_are_built_ahead_only_where_no_user_waits(initialization, built):
    import os
    import subprocess

    code = (
        "import sys, lambda_function; m = sys.modules.get('itb_skill.matching');"
        " print(m is not None, len(m._built) if m else 0)"
    )
    env = {**os.environ, "AWS_LAMBDA_INITIALIZATION_TYPE": initialization, "PYTHONPATH": str(ROOT / "lambda")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == built
