"""The report as one self-contained HTML page (no external files, fonts or scripts), printable to PDF."""

from __future__ import annotations

import re
from html import escape

from review import approval, flags
from review.report import Entry, Group, Report

SHOWN_QUESTIONS = 6

CSS = """
:root { --ink:#1b1f24; --muted:#57606a; --line:#d0d7de; --red:#b42318; --red-bg:#fde8e7; --amber:#8a5300;
  --amber-bg:#fff4d6; --green:#116329; --green-bg:#dafbe1; --accent:#0b4f8a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1180px;
  padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 0 0 6px; color: var(--accent); }
h3 { font-size: 16px; margin: 0; }
.sub { color: var(--muted); margin: 0 0 16px; }
.status { border-radius: 6px; padding: 12px 16px; font-weight: bold; font-size: 18px; margin: 12px 0; }
.status small { display: block; font-weight: normal; font-size: 14px; }
.status.awaiting { background: var(--amber-bg); color: var(--amber); border: 2px solid var(--amber); }
.status.approved { background: var(--green-bg); color: var(--green); border: 2px solid var(--green); }
.status.stale, .status.invalid { background: var(--red-bg); color: var(--red); border: 2px solid var(--red); }
table.facts { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
table.facts th, table.facts td { border: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
table.facts th { width: 220px; background: #f6f8fa; }
code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
.howto { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px; }
nav ol { columns: 2; margin: 4px 0 16px; }
section.group { border-top: 3px solid var(--accent); margin-top: 28px; padding-top: 12px; }
.intro { color: var(--muted); margin: 0 0 12px; }
article.answer { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 14px; padding: 10px 12px;
  break-inside: avoid; }
article.answer.has-red { border-left: 6px solid var(--red); }
article.answer.has-amber { border-left: 6px solid #d4a72c; }
.answer header { display: flex; justify-content: space-between; gap: 12px; align-items: baseline; }
.answer header .id { color: var(--muted); font-size: 12px; font-family: "DejaVu Sans Mono", monospace; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 6px; }
.label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  margin: 6px 0 2px; }
.heard { font-size: 16px; margin: 0; }
.then, .reprompt, .card, .note { margin: 2px 0; color: #333; }
.card { font-size: 13px; }
blockquote { margin: 4px 0; padding: 2px 10px; border-left: 3px solid var(--line); color: #333; }
.cite { font-size: 12px; color: var(--muted); }
.flags { list-style: none; padding: 0; margin: 8px 0 0; }
.flags li { border-radius: 4px; padding: 2px 8px; margin: 2px 0; font-size: 13px; }
.flags li.red { background: var(--red-bg); color: var(--red); }
.flags li.amber { background: var(--amber-bg); color: var(--amber); }
.flags li.none { background: var(--green-bg); color: var(--green); }
.meta { font-size: 13px; color: var(--muted); margin-top: 6px; }
.questions { font-size: 13px; margin: 4px 0 0; padding-left: 18px; }
.questions .origin { color: var(--muted); font-size: 11px; }
.signoff { border: 2px dashed var(--accent); border-radius: 6px; padding: 10px 14px; margin: 8px 0 0;
  break-inside: avoid; }
.signoff .boxes span { margin-right: 28px; }
.signoff .lines { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 24px; margin-top: 10px; }
.signoff .lines div { border-bottom: 1px solid var(--ink); padding-top: 18px; font-size: 12px;
  color: var(--muted); }
.signoff .notes { border: 1px solid var(--line); height: 60px; margin-top: 10px; font-size: 12px;
  color: var(--muted); padding: 4px; }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.appendix pre { white-space: pre-wrap; font: 13px/1.4 "DejaVu Sans", Arial, sans-serif; }
@media (max-width: 820px) { .cols { grid-template-columns: 1fr; } nav ol { columns: 1; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  @page { margin: 14mm 12mm; }
  section.group { break-before: page; }
  details { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""

# Runs in the browser: records what was laid out, so a headless test can read it from the DOM.
LAYOUT_CHECK = """
(function () {
  var answers = document.querySelectorAll('article.answer');
  var flat = 0;
  answers.forEach(function (a) { if (a.getBoundingClientRect().height < 40) flat += 1; });
  var blocks = document.querySelectorAll('.signoff');
  var result = { answers: answers.length, flat: flat, signoffs: blocks.length,
    overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
    width: window.innerWidth, height: document.documentElement.scrollHeight };
  document.body.setAttribute('data-layout', JSON.stringify(result));
})();
"""


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render(report: Report) -> str:
    counts = report.flag_counts()
    red = sum(n for (rule, level), n in counts.items() if level == flags.RED)
    amber = sum(n for (rule, level), n in counts.items() if level == flags.AMBER)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Baclofen Pump Guide: clinical sign-off report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Baclofen Pump Guide: clinical sign-off report</h1>",
        f'<p class="sub">Every answer the Alexa skill can give, as it is heard, beside its source. '
        f"Generated {escape(report.generated)} by <code>make review</code>.</p>",
        _status(report),
        _facts(report, red, amber),
        _howto(),
        _contents(report),
    ]
    parts += [_group(group, report) for group in report.groups]
    parts.append(_final_signoff(report))
    parts.append(_appendix(report))
    parts.append(f"<script>{LAYOUT_CHECK}</script></body></html>")
    return "\n".join(parts)


def _status(report: Report) -> str:
    verdict = report.verdict
    css = {approval.AWAITING: "awaiting", approval.APPROVED: "approved", "approval out of date": "stale"}.get(
        verdict.status, "invalid"
    )
    return (
        f'<div class="status {css}" id="status">Status: {escape(verdict.status.upper())}'
        f"<small>{escape(verdict.message)} (record: <code>signoff/approval.yaml</code>)</small></div>"
    )


def _facts(report: Report, red: int, amber: int) -> str:
    rows = [
        ("Content file", f"<code>{escape(report.content_file)}</code>"),
        ("Content file SHA-256", f'<span class="hash" id="content-sha256">{report.content_sha256}</span>'),
        (
            "Answers SHA-256",
            f'<span class="hash" id="answers-sha256">{report.answers_sha256}</span> '
            "(everything below, emergency responses included)",
        ),
    ]
    for document in report.sources.documents.values():
        rows.append((f"Source: {escape(document.name)}", f'<span class="hash">{document.sha256}</span>'))
    rows += [
        ("Answers", f"{len(report.entries)} in {len(report.groups)} sections"),
        (
            "Flags",
            f'<b id="red-count">{red}</b> to look at (red), <b id="amber-count">{amber}</b> to check (amber)',
        ),
        ("Length", escape(report.timing_method) + "; slow pace is 85% of that rate"),
        (
            "Questions",
            f"{report.questions_total} distinct questions from the interaction model and the test "
            f"corpora were asked; each answer lists those that reach it",
        ),
    ]
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return f'<table class="facts">{body}</table>'


def _howto() -> str:
    return (
        '<div class="howto"><p><b>How to review.</b> For each section, read every answer as heard (left) '
        "against the source (right). <b>Red</b> flags are what the source does not say at all: a number "
        "or a medical word that is in neither source, an answer longer than 20 seconds, a topic without a "
        "source. <b>Amber</b> flags say it only elsewhere in the sources, or an answer is near the length "
        "limit. Tick a box and sign each section's block; a section with changes needed goes back to the "
        "content editors. The signed report is recorded in <code>signoff/approval.yaml</code> with the two "
        "hashes above; any later change to the content makes the approval out of date and the tests fail "
        "until a new report is signed.</p></div>"
    )


def _contents(report: Report) -> str:
    items = []
    for group in report.groups:
        red = sum(1 for e in group.entries for f in e.flags if f.level == flags.RED)
        note = f' <span class="cite">({red} red)</span>' if red else ""
        items.append(
            f'<li><a href="#{_anchor(group.title)}">{escape(group.title)}</a> '
            f'<span class="cite">{len(group.entries)} answers</span>{note}</li>'
        )
    return f"<nav><h2>Sections</h2><ol>{''.join(items)}</ol></nav>"


def _group(group: Group, report: Report) -> str:
    entries = "\n".join(_entry(entry) for entry in group.entries)
    return (
        f'<section class="group" id="{_anchor(group.title)}"><h2>{escape(group.title)}</h2>'
        f'<p class="intro">{escape(group.intro)}</p>{entries}{_signoff(group.title, report)}</section>'
    )


def _entry(entry: Entry) -> str:
    answer = entry.answer
    levels = {flag.level for flag in entry.flags}
    css = "has-red" if flags.RED in levels else "has-amber" if flags.AMBER in levels else ""
    said = answer.heard
    if answer.then_text and said.endswith(answer.then_text):  # the offer is shown on its own line below
        said = said[: -len(answer.then_text)].rstrip()
    left = [f'<div class="label">As heard</div><p class="heard">{escape(said)}</p>']
    if answer.then_text:
        left.append(f'<p class="then"><span class="label">then</span> {escape(answer.then_text)}</p>')
    if answer.reprompt:
        left.append(f'<p class="reprompt"><span class="label">if silent</span> {escape(answer.reprompt)}</p>')
    if answer.ends_session:
        left.append('<p class="then"><span class="label">then</span> the session ends</p>')
    if answer.card:
        left.append(
            f'<p class="card"><span class="label">card</span> <b>{escape(answer.card_title or "")}</b> '
            f"{escape(answer.card)}</p>"
        )
    if answer.note:
        left.append(f'<p class="note"><span class="label">note</span> {escape(answer.note)}</p>')
    right = []
    if entry.sections:
        cited = "; ".join(escape(s.label) for s in entry.sections)
        right.append(f'<div class="label">Source</div><p class="cite">{cited}</p>')
    elif answer.id.startswith("topic:"):
        right.append('<div class="label">Source</div><p class="cite"><b>none found</b></p>')
    else:
        right.append(
            '<div class="label">Closest sentences in the sources</div><p class="cite">no section cited</p>'
        )
    for section, sentence in entry.closest:
        cite = "" if entry.sections else f' <span class="cite">({escape(section.label)})</span>'
        right.append(f"<blockquote>{escape(sentence)}{cite}</blockquote>")
    for section in entry.sections:
        right.append(
            f"<details><summary>The whole section</summary><blockquote>"
            f"{'<br>'.join(escape(s) for s in section.sentences)}</blockquote></details>"
        )
    flag_items = [
        f'<li class="{f.level}" data-rule="{f.rule}"><b>{escape(f.subject)}</b>: {escape(f.why)} '
        f'<span class="cite">[{f.rule}]</span></li>'
        for f in entry.flags
    ] or ['<li class="none">No flags</li>']
    questions = entry.questions[:SHOWN_QUESTIONS]
    more = len(entry.questions) - len(questions)
    if entry.questions:
        items = "".join(
            f'<li>“{escape(q.text)}” <span class="origin">{escape(q.origin)}</span></li>' for q in questions
        )
        more_text = f"<li>and {more} more</li>" if more > 0 else ""
        asked = (
            f'<div class="label">Questions that reach it</div><ul class="questions">{items}{more_text}</ul>'
        )
    elif answer.id.startswith("topic:"):
        asked = (
            '<div class="label">Questions that reach it</div><p class="cite">None directly: it is reached '
            "by “yes” to an offer or “tell me more”.</p>"
        )
    else:
        asked = (
            '<div class="label">Questions that reach it</div><p class="cite">None of the sample questions: '
            "it answers a situation (a failure, a silence, a returning user), not a question.</p>"
        )
    return (
        f'<article class="answer {css}" id="{_anchor(answer.id)}"><header><h3>{escape(answer.title)}</h3>'
        f'<span class="id">{escape(answer.id)}</span></header>'
        f'<div class="cols"><div>{"".join(left)}</div><div>{"".join(right)}</div></div>'
        f'<ul class="flags">{"".join(flag_items)}</ul>'
        f'<p class="meta">About {entry.seconds:.1f} s at normal pace, '
        f"{entry.slow_seconds:.1f} s at slow pace.</p>"
        f"{asked}</article>"
    )


def _signoff(title: str, report: Report) -> str:
    return (
        f'<div class="signoff"><b>Sign-off: {escape(title)}</b> '
        f'<span class="cite">(content {report.content_sha256[:12]}…, '
        f"answers {report.answers_sha256[:12]}…)</span>"
        '<p class="boxes"><span>☐ Approved as written</span><span>☐ Changes needed (notes below)</span></p>'
        '<div class="lines"><div>Reviewer name</div><div>Role</div><div>Signature</div><div>Date</div></div>'
        '<div class="notes">Notes</div></div>'
    )


def _final_signoff(report: Report) -> str:
    return (
        '<section class="group" id="final-sign-off"><h2>Sign-off of the whole report</h2>'
        "<p>I have reviewed every section above. The skill may say these answers, exactly as written, to "
        "patients and caregivers.</p>"
        f'<p>Content file SHA-256: <span class="hash">{report.content_sha256}</span><br>'
        f'Answers SHA-256: <span class="hash">{report.answers_sha256}</span></p>'
        + _signoff("the whole report", report)
        + "</section>"
    )


def _appendix(report: Report) -> str:
    blocks = []
    for document in report.sources.documents.values():
        blocks.append(f"<h3>{escape(document.name)}</h3><pre>{escape(document.text)}</pre>")
    heading = "<h2>The sources, in full</h2>"
    return f'<section class="group appendix" id="sources">{heading}{"".join(blocks)}</section>'
