"""The APL documents themselves: the specification's type lists, contrast, text sizes, nothing that moves, the
screens' words as data; and that each check (Amazon's apl-suggester included) fails on a document that is
wrong. ``make apl-lint`` runs the same checks and the suggester over every screen; these tests prove that
those gates can fail, and hold the documents on disk to them whatever the suggester says.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess

import pytest

from apl_check import checks
from itb_skill import content, safety, visuals

TEXTS = content.load()
LOADED = visuals.load()
DOCUMENTS = {
    **LOADED.documents,
    "emergency": visuals.EMERGENCY_DOCUMENT,
    "captions": visuals.CAPTIONS_DOCUMENT,
}
SUGGESTER = os.path.join(checks.HERE, "suggester")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_uses_only_types_and_parameters_the_specification_lists(name):
    assert checks.type_findings(DOCUMENTS[name]) == []


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_text_meets_wcag_aa_contrast_and_the_size_floor_on_every_viewport(name):
    found, findings = checks.texts(name, DOCUMENTS[name])
    assert findings == []
    assert {check.viewport for check in found} == set(checks.VIEWPORTS)
    assert min(check.ratio for check in found) >= 4.5
    for check in found:
        if check.font_dp is not None:
            assert check.font_dp >= checks.VIEWPORTS[check.viewport]["min_font_dp"]


def test_the_contrast_figures_are_the_ones_we_report():
    assert round(checks.contrast("#FFFFFF", "#101418"), 1) == 18.5
    assert round(checks.contrast("#FFE066", "#101418"), 1) == 14.2
    assert round(checks.contrast("#FFFFFF", visuals.EMERGENCY_BACKGROUND), 1) == 10.0
    assert round(checks.contrast(visuals.EMERGENCY_HEADLINE, visuals.EMERGENCY_BACKGROUND), 1) == 8.2
    assert checks.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert checks.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WCAG's classic near miss


def test_the_emergency_screen_is_larger_than_any_other_text():
    found, _ = checks.texts("emergency", visuals.EMERGENCY_DOCUMENT)
    headline = [check for check in found if check.path.endswith("/item/items/0")]
    assert len(headline) == len(checks.VIEWPORTS)
    for check in headline:
        floor = checks.VIEWPORTS[check.viewport]["min_font_dp"]
        assert check.font_dp >= 1.5 * floor


def test_the_slow_variants_only_stay_up_longer():
    for name in visuals.DOCUMENTS:
        normal, slow = LOADED.documents[name], LOADED.documents[f"{name}-slow"]
        assert slow["settings"]["idleTimeout"] > normal["settings"]["idleTimeout"]
        assert {**slow, "settings": None} == {**normal, "settings": None}


def test_the_screens_words_point_at_content_that_exists():
    words = LOADED.words
    assert set(words["menu"]) <= set(TEXTS.topics)
    assert set(words["menu_replies"]) <= set(TEXTS.strings)
    assert set(words["phone_labels"]) == set(TEXTS.phones)


def test_the_constant_screens_import_nothing_and_say_the_emergency_words():
    for document in (visuals.EMERGENCY_DOCUMENT, visuals.CAPTIONS_DOCUMENT):
        assert "import" not in document
        components, _, _ = checks.walk(document)
        assert {node.value["type"] for node in components} <= checks.COMPONENT_TYPES
    for kind in (safety.EMERGENCY, safety.CRISIS):
        _, _, data = visuals.emergency_screen(kind)
        assert " ".join([data["screen"]["headline"], *data["screen"]["lines"]]) == safety.emergency_speech(
            kind
        )


# ---- each check can fail ----


def broken(mutate) -> dict:
    document = copy.deepcopy(LOADED.documents["answer"])
    mutate(document)
    return document


def _root(document: dict) -> dict:
    return document["mainTemplate"]["items"][0]["item"]


def _captions(document: dict) -> dict:
    return _root(document)["items"][1]["item"]["items"][1]


@pytest.mark.parametrize(
    ("mutate", "finding"),
    [
        (lambda d: _captions(d).update(type="Txt"), "unknown component type 'Txt'"),
        (lambda d: _root(d)["items"][0].update(type="AlexaHeadr"), "unknown component type 'AlexaHeadr'"),
        (lambda d: _root(d)["items"][0].update(headerTitel="x"), "no documented parameter 'headerTitel'"),
        (
            lambda d: _root(d)["items"][2]["items"][0]["primaryAction"].update(type="SendEvnt"),
            "unknown command type 'SendEvnt'",
        ),
        (
            lambda d: d.update(onMount=[{"type": "AutoPage", "componentId": "x"}]),
            "moves the screen by itself",
        ),
    ],
    ids=["component", "layout", "parameter", "command", "moving"],
)
def test_the_type_check_finds_what_the_suggester_misses(mutate, finding):
    findings = checks.type_findings(broken(mutate))
    assert any(finding in text for text in findings), findings


@pytest.mark.parametrize(
    ("mutate", "finding"),
    [
        (lambda d: d["resources"][0]["colors"].update(captionText="#3A3F44"), "under WCAG AA"),
        (lambda d: d["resources"][2]["dimensions"].update(captionSize="24dp"), "24dp is under 32dp"),
        (lambda d: _captions(d).update(fontSize="2em"), "font size not declared in dp"),
        (lambda d: d["resources"][2].update(when="${viewport.width < 600}"), "cannot evaluate when"),
        (lambda d: d["mainTemplate"]["items"][0].pop("backgroundColor"), "colour or background not declared"),
    ],
    ids=["contrast", "size", "unit", "when", "background"],
)
def test_the_text_check_fails_on_low_contrast_small_or_undeclared_text(mutate, finding):
    _, findings = checks.texts("answer", broken(mutate))
    assert any(finding in text for text in findings), findings


def run_suggester(tmp_path, documents: dict[str, dict]) -> tuple[int, dict[str, list]]:
    paths = []
    for name, document in documents.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"document": document, "datasources": {"screen": {}}}), encoding="utf-8")
        paths.append(str(path))
    assert os.path.isdir(os.path.join(SUGGESTER, "node_modules", "apl-suggester")), "run make apl-lint"
    done = subprocess.run(
        ["node", os.path.join(SUGGESTER, "suggest.js"), checks.HERE, *paths],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    return done.returncode, {result["file"][: -len(".json")]: result["findings"] for result in results}


def test_apl_suggester_passes_every_document_and_fails_a_wrong_one(tmp_path):
    wrong = broken(
        lambda d: (_captions(d).update(fontSise="40dp"), _root(d)["items"][0].update(type="AlexaHeadr"))
    )
    unknown_package = broken(lambda d: d["import"].append({"name": "alexa-styles", "version": "1.6.0"}))
    status, findings = run_suggester(
        tmp_path, {**DOCUMENTS, "wrong": wrong, "unknown_package": unknown_package}
    )
    assert status == 1
    assert {name: findings[name] for name in DOCUMENTS} == {name: [] for name in DOCUMENTS}
    said = json.dumps(findings["wrong"])
    assert "fontSise" in said and "AlexaHeadr" in said
    assert "alexa-styles" in json.dumps(findings["unknown_package"])  # never fetched: a finding
