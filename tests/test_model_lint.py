"""The model linter fails on what Alexa's build or certification would reject, and passes our real skill."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model_lint import lint_model, lint_package
from model_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "lint"
PACKAGE = ROOT / "interaction_model" / "skill-package"
REAL_MODELS = sorted((PACKAGE / "interactionModels" / "custom").glob("*.json"))
VALID_MODEL = FIXTURES / "valid" / "en-US.json"

# fixture folder -> the one rule it breaks
BROKEN_MODELS = {
    "invocation_one_word": "invocation-words",
    "invocation_wake_word": "invocation-wake-word",
    "invocation_launch_word": "invocation-launch-word",
    "invocation_characters": "invocation-characters",
    "invocation_connector": "invocation-connector",
    "invocation_length": "invocation-length",
    "sample_digits": "sample-digits",
    "sample_characters": "sample-characters",
    "sample_length": "sample-length",
    "slot_unbalanced": "slot-braces",
    "slot_undefined": "slot-undefined",
    "slot_malformed": "slot-malformed",
    "duplicate_within_intent": "sample-duplicate",
    "duplicate_across_intents": "sample-duplicate",
    "search_query_no_carrier": "search-query",
    "search_query_with_other_slot": "search-query",
    "slot_value_repeated": "slot-value-duplicate",
    "built_in_missing": "built-in-missing",
}
BROKEN_MANIFESTS = {
    "manifest_example_unmatched": "example-phrase-unmatched",
    "manifest_endpoint_mismatch": "endpoint",
}


def rules(findings) -> set[str]:
    return {f.rule for f in findings}


def test_real_model_and_manifest_pass():
    assert REAL_MODELS, "no interaction model in the skill package"
    findings = lint_package(REAL_MODELS, PACKAGE / "skill.json")
    assert findings == [], "\n".join(map(str, findings))


def test_the_valid_fixture_passes():
    assert lint_package([VALID_MODEL], FIXTURES / "valid" / "skill.json") == []


@pytest.mark.parametrize(("fixture", "rule"), sorted(BROKEN_MODELS.items()))
def test_each_broken_model_fails_its_rule_only(fixture, rule):
    findings = lint_package([FIXTURES / fixture / "en-US.json"], None)
    assert rules(findings) == {rule}, "\n".join(map(str, findings))


@pytest.mark.parametrize(("fixture", "rule"), sorted(BROKEN_MANIFESTS.items()))
def test_each_broken_manifest_fails_its_rule_only(fixture, rule):
    findings = lint_package([VALID_MODEL], FIXTURES / fixture / "skill.json")
    assert rules(findings) == {rule}, "\n".join(map(str, findings))


def test_unmatched_example_names_the_phrase():
    findings = lint_package([VALID_MODEL], FIXTURES / "manifest_example_unmatched" / "skill.json")
    phrases = " ".join(f.message for f in findings)
    assert "how much does it cost" in phrases and "my neighbour" in phrases
    assert "what is the pump" not in phrases  # the phrase that is a sample passed


def _model_with(samples: list[str], slots=None, extra_intents=()) -> dict:
    document = json.loads(VALID_MODEL.read_text())
    intents = document["interactionModel"]["languageModel"]["intents"]
    intents[:] = [i for i in intents if i["name"].startswith("AMAZON.")]
    intents.append({"name": "OverviewIntent", "slots": slots or [], "samples": samples})
    intents.extend(extra_intents)
    return document


@pytest.mark.parametrize(
    "sample",
    [
        "what is the pump",
        "what's my son's pump for",
        "tell me about the follow-up visit",
        "can dr. jones see me",
        "what does i. t. b. mean",
    ],
)
def test_letters_apostrophes_hyphens_and_abbreviations_are_accepted(sample):
    assert lint_model(_model_with([sample])) == []


@pytest.mark.parametrize(
    ("sample", "rule"),
    [
        ("what is the pump, really", "sample-characters"),
        ("pump & catheter", "sample-characters"),
        ('what is "the pump"', "sample-characters"),
        ("call nine 1 1", "sample-digits"),
        ("is it right for{person}", "slot-spacing"),
        ("is it right for {person}{person}", "slot-spacing"),
        ("is it right for {{person}}", "slot-braces"),
        ("is it right for {my son}", "slot-braces"),
    ],
)
def test_refused_characters_and_slot_syntax_fail(sample, rule):
    slots = [{"name": "person", "type": "PersonType"}]
    assert rule in rules(lint_model(_model_with([sample], slots)))


def test_same_words_and_slot_types_in_two_intents_conflict():
    other = {
        "name": "CandidateIntent",
        "slots": [{"name": "who", "type": "PersonType"}],
        "samples": ["is it right for {who}"],
    }
    document = _model_with(["is it right for {person}"], [{"name": "person", "type": "PersonType"}], [other])
    assert rules(lint_model(document)) == {"sample-conflict"}


def test_synonym_repeated_under_its_own_id_fails():
    document = _model_with(["what is the pump"])
    values = document["interactionModel"]["languageModel"]["types"][0]["values"]
    values[0]["name"]["synonyms"].append("Me")
    assert rules(lint_model(document)) == {"slot-value-duplicate"}


def test_cli_exits_non_zero_with_a_clear_message(capsys):
    code = main([str(FIXTURES / "sample_digits" / "en-US.json"), "--no-manifest"])
    err = capsys.readouterr().err
    assert code == 1
    assert "[sample-digits]" in err and "'call 911'" in err and "spell numbers out" in err


def test_cli_passes_on_the_real_package(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main([]) == 0
    assert "model-lint: ok" in capsys.readouterr().out


def test_set_endpoint_renders_a_release_package_and_never_edits_the_tracked_one(tmp_path, capsys):
    tracked = (PACKAGE / "skill.json").read_bytes()
    arn = "arn:aws:lambda:us-east-1:123456789012:function:baclofen-pump-guide-SkillFunction-AbC123"
    urls = ["--privacy-url", "https://d111.cloudfront.net/privacy.html"]
    urls += ["--terms-url", "https://d111.cloudfront.net/terms.html"]
    out = tmp_path / "skill-package"
    assert (
        main(["--set-endpoint", arn, *urls, "--out", str(out), "--manifest", str(PACKAGE / "skill.json")])
        == 0
    )
    assert "ok (release)" in capsys.readouterr().out
    written = json.loads((out / "skill.json").read_text())["manifest"]
    assert written["apis"]["custom"]["endpoint"]["uri"] == arn
    assert written["events"]["endpoint"]["uri"] == arn
    assert written["events"]["subscriptions"] == [{"eventName": "SKILL_DISABLED"}]
    localized = written["privacyAndCompliance"]["locales"]["en-US"]
    assert localized == {"privacyPolicyUrl": urls[1], "termsOfUseUrl": urls[3]}
    assert (out / "assets" / "images" / "en-US_largeIconUri.png").is_file()
    assert (PACKAGE / "skill.json").read_bytes() == tracked

    with pytest.raises(SystemExit, match="not a Lambda function ARN"):
        main(["--set-endpoint", "my-function", *urls, "--out", str(out)])
    with pytest.raises(SystemExit, match="not an https URL"):
        main(
            [
                "--set-endpoint",
                arn,
                "--privacy-url",
                "http://x.example/p",
                "--terms-url",
                urls[3],
                "--out",
                str(out),
            ]
        )


def test_ask_deploys_the_rendered_package_not_the_tracked_one():
    resources = json.loads((ROOT / "interaction_model" / "ask-resources.json").read_text())
    assert resources["profiles"]["default"]["skillMetadata"]["src"] == "../build/skill-package"


def test_manifest_is_true_of_the_skill():
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    publishing = manifest["publishingInformation"]
    assert publishing["isAvailableWorldwide"] is False
    assert publishing["distributionCountries"] == ["US"]  # 911 is the emergency number only here
    listing = publishing["locales"]["en-US"]
    assert listing["name"] == "Baclofen Pump Guide"
    assert "not a substitute for medical advice" in listing["description"]
    assert "call 911" in listing["description"]
    privacy = manifest["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["isChildDirected"] is False
    assert privacy["containsAds"] is False
    assert privacy["isExportCompliant"] is True
    assert {"eventName": "SKILL_DISABLED"} in manifest["events"]["subscriptions"]


# ---- the store listing (issue 16): example phrases, icons, deploy-time URLs, Amazon's own classes ----


def _manifest_copy(tmp_path, change=None) -> Path:
    """The real skill package copied to tmp_path, its manifest changed by ``change(manifest)``."""
    package = tmp_path / "skill-package"
    shutil.copytree(PACKAGE, package)
    path = package / "skill.json"
    if change:
        document = json.loads(path.read_text())
        change(document["manifest"])
        path.write_text(json.dumps(document))
    return path


def _rules_of(path: Path, release: bool = False, smapi: bool = False) -> set[str]:
    models = sorted((path.parent / "interactionModels" / "custom").glob("*.json"))
    return rules(lint_package(models, path, release=release, smapi=smapi))


def test_the_example_phrases_lead_with_open_and_offer_no_one_shot():
    listing = json.loads((PACKAGE / "skill.json").read_text())["manifest"]["publishingInformation"]["locales"]
    phrases = listing["en-US"]["examplePhrases"]
    assert phrases[0] == "Alexa, open baclofen pump guide"
    assert not any(p.lower().startswith(("alexa, ask", "alexa, tell")) for p in phrases)


@pytest.mark.parametrize(
    ("phrases", "rule"),
    [
        (["Alexa, ask baclofen pump guide how big is the pump"], "example-open-first"),
        (
            ["Alexa, open baclofen pump guide", "Alexa, ask baclofen pump guide how big is the pump"],
            "example-one-shot",
        ),
        (["Alexa, open baclofen pump guide", "how tall is the moon"], "example-phrase-unmatched"),
    ],
)
def test_example_phrase_rules(tmp_path, phrases, rule):
    def change(manifest):
        manifest["publishingInformation"]["locales"]["en-US"]["examplePhrases"] = phrases

    assert rule in _rules_of(_manifest_copy(tmp_path, change))


def test_icons_must_be_pngs_of_the_right_size(tmp_path):
    path = _manifest_copy(tmp_path)
    small = path.parent / "assets" / "images" / "en-US_smallIconUri.png"
    shutil.copy(
        path.parent / "assets" / "images" / "en-US_largeIconUri.png", small
    )  # 512 px where 108 belongs
    assert "icon" in _rules_of(path)

    def drop(manifest):
        del manifest["publishingInformation"]["locales"]["en-US"]["largeIconUri"]

    assert "icon" in _rules_of(_manifest_copy(tmp_path / "other", drop))


def test_the_committed_icons_are_what_the_one_svg_renders_to():
    import icons

    for field, size in icons.ICONS.items():
        png = icons.icon_path(field).read_bytes()
        assert png == icons.render(size), f"{field}: run make icons"
        assert int.from_bytes(png[16:20], "big") == int.from_bytes(png[20:24], "big") == size


def test_testing_instructions_say_what_a_certification_reviewer_needs():
    text = json.loads((PACKAGE / "skill.json").read_text())["manifest"]["publishingInformation"][
        "testingInstructions"
    ]
    for needed in ("open baclofen pump guide", "Call 911 now", "can't call", "988", "patient education page",
                   "permits", "forget me", "number of visits", "last topic", "speaking pace"):  # fmt: skip
        assert needed in text, needed


def test_the_tracked_manifest_holds_no_deploy_time_value():
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == "REPLACE_WITH_SkillFunctionArn"
    assert "arn:aws" not in (PACKAGE / "skill.json").read_text()
    assert "cloudfront" not in (PACKAGE / "skill.json").read_text()


def test_a_release_needs_the_endpoint_and_the_page_urls(tmp_path):
    path = _manifest_copy(tmp_path)
    assert {"endpoint", "privacy-url"} <= _rules_of(path, release=True)


def test_amazons_classes_read_the_manifest_and_model_and_catch_an_unknown_field(tmp_path):
    assert _rules_of(_manifest_copy(tmp_path), smapi=True) == set()

    def misspell(manifest):
        manifest["publishingInformation"]["locales"]["en-US"]["examplePhrase"] = ["Alexa, open it"]

    path = _manifest_copy(tmp_path / "bad", misspell)
    findings = lint_package(
        sorted((path.parent / "interactionModels" / "custom").glob("*.json")), path, smapi=True
    )
    assert any(f.rule == "smapi" and "examplePhrase " in f.message + " " for f in findings)


def test_manifest_says_exactly_what_is_stored_and_how_it_is_deleted():
    """What the listing (to users) and the certification notes say is kept: the four profile fields
    (memory.profile.Profile), and how they are deleted."""
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    publishing = manifest["publishingInformation"]
    description = " ".join(publishing["locales"]["en-US"]["description"].split())
    notes = " ".join(publishing["testingInstructions"].split())
    for phrase in ("how many times you have visited", "when you last visited", "the last topic you heard"):
        assert phrase in description
    for phrase in ("visit count", "last visit time", "last topic heard"):
        assert phrase in notes
    for text in (description, notes):
        assert "speaking pace" in text and "forget me" in text.lower() and "disabl" in text
        assert "only remembers a listening preference" not in text and "only a speaking-pace" not in text
