"""`make review`: every answer the skill can give, as heard, beside its source, with the flags a clinician
must see, the questions that reach it, and a sign-off block per section (the browser part is in
tests/test_review_browser.py, run by `make review`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from review import approval, catalog, flags, heard, report, sources
from review.page import render

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # copies of both sources, so the review runs on any machine
RAW = json.loads(catalog.CONTENT_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built() -> report.Report:
    return report.build(source_dir=DATA, with_questions=True)


def _edited(tmp_path: Path, change) -> Path:
    """A copy of the content file changed by ``change(raw)``."""
    raw = json.loads(catalog.CONTENT_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "en-US.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _entry(rep: report.Report, answer_id: str) -> report.Entry:
    return next(e for e in rep.entries if e.answer.id == answer_id)


def test_every_answer_the_content_and_safety_module_can_give_is_in_the_report(built):
    ids = {e.answer.id for e in built.entries}
    for topic_id, topic in RAW["topics"].items():
        for part in range(1, len(topic["speech"]) + 1):
            assert f"topic:{topic_id}#{part}" in ids
    spoken = [k for k in RAW["strings"] if not k.endswith(("_reprompt", "_card", "_card_title"))]
    assert {f"string:{key}" for key in spoken} <= ids
    assert {"safety:emergency", "safety:crisis", "safety:error"} <= ids


def test_answers_are_shown_as_heard_with_numbers_said(built):
    emergency = _entry(built, "safety:emergency").answer
    assert emergency.heard.startswith("Call nine one one now.")
    appointments = _entry(built, "topic:appointments#1").answer
    assert "eight zero zero, four three six, seven nine three six" in appointments.heard
    assert not re.search(r"\d|<", appointments.heard)
    assert heard.heard("<speak>It takes 20 minutes, about 1.5 hours, the 3rd day.</speak>") == (
        "It takes twenty minutes, about one point five hours, the third day."
    )


def test_emergency_responses_come_from_the_safety_module_not_a_copy(monkeypatch):
    from itb_skill.safety import responses

    monkeypatch.setattr(responses, "EMERGENCY_SPEECH", "Call 911 now. A changed sentence.")
    found = {a.id: a for a in catalog.build()}
    assert found["safety:emergency"].heard == "Call nine one one now. A changed sentence."


def test_each_topic_stands_beside_the_sentences_of_the_section_it_cites(built):
    entry = _entry(built, "topic:surgery_length#1")
    (cited,) = RAW["topics"]["surgery_length"]["sources"]  # "page: <heading>"
    assert [s.title for s in entry.sections] == [cited.partition(":")[2].strip()]
    assert any("one to two hours" in sentence for _, sentence in entry.closest)
    appointments = _entry(built, "topic:appointments#1")  # the phone number said is the one the page gives
    assert "(800) 436-7936" in appointments.closest[0][1]
    emergency = _entry(built, "safety:emergency")  # no section cited: the closest of both sources
    assert "call 911" in emergency.closest[0][1].lower()


@pytest.mark.parametrize(
    "ref",
    [
        "itb-safety-facts.md#Pump alarms and refills",
        "Pump alarms and refills",
        {"document": "itb-safety-facts.md", "section": "Pump alarms and refills"},
        ["Is baclofen pump therapy safe?", "safety facts: Pump alarms and refills"],
    ],
)
def test_a_topic_may_cite_the_safety_facts_in_several_forms(ref):
    docs = sources.Sources(DATA, [ref])
    found, unresolved = docs.resolve(ref)
    assert unresolved == []
    assert any(s.document == sources.SAFETY_FACTS and s.title.startswith("Pump alarms") for s in found)


def test_a_new_topic_citing_the_safety_facts_is_reviewed_beside_them(tmp_path):
    """Topics and the per-topic "source" field are added by others: the report follows the file it reads."""

    def change(raw):
        raw["topics"]["pump_alarm"] = {
            "sources": ["safety facts: Pump alarms and refills"],
            "title": "Pump alarms",
            "speech": [
                "A pump alarm means the pump needs attention. Contact the doctor who manages it right away."
            ],
            "card": "Contact the doctor who manages the pump right away.",
            "offer": "what a pump alarm means",
            "keywords": ["alarm"],
        }

    rep = report.build(_edited(tmp_path, change), DATA, with_questions=False)
    entry = _entry(rep, "topic:pump_alarm#1")
    group = next(g for g in rep.groups if entry in g.entries)
    assert group.title.startswith("Safety facts: Pump alarms and refills")
    assert any("doctor who manages the pump" in sentence for _, sentence in entry.closest)
    assert not [f for f in entry.flags if f.rule == "missing-source"]


def test_missing_sources_are_said_clearly(tmp_path):
    with pytest.raises(sources.SourcesMissing, match="SOURCES=DIR"):
        sources.find_dir(tmp_path)


def test_an_invented_number_a_new_medical_word_and_a_missing_source_are_flagged(tmp_path):
    def change(raw):
        raw["topics"]["surgery_length"]["speech"] = [
            "The operation takes three to four hours under an epidural."
        ]
        raw["topics"]["pump_size"]["sources"] = ["page: A heading the page does not have"]
        raw["topics"]["catheter"]["speech"] = [" ".join(["The catheter is a thin tube."] * 12)]

    rep = report.build(_edited(tmp_path, change), DATA, with_questions=False)
    length = _entry(rep, "topic:surgery_length#1").flags
    assert ("number-not-in-source", flags.RED, "three") in [(f.rule, f.level, f.subject) for f in length]
    assert ("medical-word-not-in-source", flags.RED, "epidural") in [
        (f.rule, f.level, f.subject) for f in length
    ]
    assert all(f.subject != "one" for f in length)  # "one" as a pronoun is not a number
    size = _entry(rep, "topic:pump_size#1")
    assert [f.rule for f in size.flags if f.level == flags.RED] == ["missing-source"]
    assert size in next(g for g in rep.groups if g.title == catalog.MISSING_SOURCE_GROUP).entries
    long = _entry(rep, "topic:catheter#1").flags
    assert any(f.rule == "too-long" and f.level == flags.RED for f in long)


def test_a_word_said_only_in_another_section_is_amber_not_red():
    cited = "Potential surgical complications are rare."
    elsewhere = {"Patient page: Make an appointment": "Please call 911 if you have an emergency."}
    found = flags.check_text("Call 911 now if there is meningitis.", cited, elsewhere, flags.medical_terms())
    assert {(f.subject, f.level) for f in found} == {("911", flags.AMBER), ("meningitis", flags.RED)}


def test_questions_from_the_model_and_the_corpora_reach_their_answers(built):
    def asked(answer_id):
        return {q.text.lower(): q.origin for q in _entry(built, answer_id).questions}

    assert "how big is the pump" in asked("topic:pump_size#1")
    assert asked("topic:pump_size#1")["how big is the pump"].startswith("model: PumpSizeIntent")
    emergencies = asked("safety:emergency")
    assert any(origin.startswith("corpus: emergencies") for origin in emergencies.values())
    assert not any(
        q.origin.startswith("corpus: emergencies") for q in _entry(built, "topic:pump_size#1").questions
    )
    assert built.questions_total > 1000


def test_the_page_is_self_contained_and_names_the_content_it_shows(built):
    page = render(built)
    assert built.content_sha256 in page and built.answers_sha256 in page
    assert len(re.findall(r'<article class="answer', page)) == len(built.entries)
    assert page.count('class="signoff"') == len(built.groups) + 1  # each section and the whole report
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", page), "no external file, link or image"
    assert "<link" not in page and "@import" not in page
    assert "AWAITING CLINICAL SIGN-OFF" in page


def test_the_content_hash_on_the_page_is_the_content_files():
    import hashlib

    assert catalog.content_sha256() == hashlib.sha256(catalog.CONTENT_FILE.read_bytes()).hexdigest()


# ---- the approval record ----


def _current():
    found = catalog.build()
    return catalog.content_sha256(), catalog.answers_sha256(found)


def test_the_committed_approval_record_is_valid_and_not_stale():
    """Fails when signoff/approval.yaml approves content that has changed since it was signed."""
    verdict = approval.check(approval.load(), *_current())
    assert verdict.ok, verdict.message


def _record(tmp_path, **fields) -> Path:
    path = tmp_path / "approval.yaml"
    shutil.copy(approval.RECORD, path)
    text = path.read_text()
    for key, value in fields.items():
        text = re.sub(rf"(?m)^{key}:.*$", f'{key}: "{value}"', text)
    path.write_text(text)
    return path


def test_an_approval_of_content_that_changed_since_fails(tmp_path):
    content, answers = _current()
    approved = dict(status="approved", approved_by="Dr A. Reviewer, neurosurgery", approved_on="2026-11-20")
    current = _record(tmp_path, approved_content_sha256=content, approved_answers_sha256=answers, **approved)
    assert approval.check(approval.load(current), content, answers).ok

    stale = _record(tmp_path, approved_content_sha256="0" * 64, approved_answers_sha256=answers, **approved)
    verdict = approval.check(approval.load(stale), content, answers)
    assert not verdict.ok and verdict.status == "approval out of date"
    assert "the content file changed" in verdict.message and "make review" in verdict.message


def test_a_changed_emergency_response_makes_an_approval_stale(tmp_path, monkeypatch):
    content, answers = _current()
    from itb_skill.safety import responses

    monkeypatch.setattr(responses, "CRISIS_SPEECH", "Call 911 now. Something else.")
    assert catalog.answers_sha256(catalog.build()) != answers


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"status": "signed"}, "status"),
        ({"status": "approved", "approved_on": "last week"}, "approved_on"),
        ({"status": "approved", "approved_on": "2026-11-20"}, "approved_by"),
    ],
)
def test_a_malformed_record_fails(tmp_path, fields, problem):
    verdict = approval.check(approval.load(_record(tmp_path, **fields)), *_current())
    assert not verdict.ok and problem in verdict.message


def test_the_check_command_reports_the_status(capsys):
    from review.cli import main

    assert main(["--check"]) == 0
    assert "awaiting clinical sign-off" in capsys.readouterr().out
