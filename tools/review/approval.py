"""The clinical approval record (``signoff/approval.yaml``): who approved which content, and whether that is
still the content the skill says.

The record is edited by the clinician's reviewer, by hand, after a printed report was signed: it names the
two hashes printed on that report. ``check`` fails when the record says "approved" but the content (or any
answer, emergency responses included) changed since: the approval no longer covers what the skill says.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "signoff" / "approval.yaml"
AWAITING = "awaiting clinical sign-off"
APPROVED = "approved"
STATUSES = (AWAITING, APPROVED)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Record(NamedTuple):
    status: str
    content_sha256: str
    answers_sha256: str
    approved_by: str
    approved_on: str
    signed_report: str


class Verdict(NamedTuple):
    ok: bool
    status: str  # what the report shows: "approved", "awaiting clinical sign-off", "approval out of date"
    message: str


def load(path: Path = RECORD) -> Record:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected 'key: value' lines")

    def text(key: str) -> str:
        value = data.get(key)
        return "" if value is None else str(value).strip()

    return Record(
        status=text("status"),
        content_sha256=text("approved_content_sha256").lower(),
        answers_sha256=text("approved_answers_sha256").lower(),
        approved_by=text("approved_by"),
        approved_on=text("approved_on"),
        signed_report=text("signed_report"),
    )


def check(record: Record, content_sha256: str, answers_sha256: str) -> Verdict:
    """Whether the record is well formed and, if it approves, approves exactly the current content."""
    if record.status not in STATUSES:
        return Verdict(False, "invalid", f"status is {record.status!r}; it must be one of {list(STATUSES)}")
    if record.status == AWAITING:
        return Verdict(True, AWAITING, "no clinician has signed off the current content yet")
    problems = []
    if not record.approved_by:
        problems.append("approved_by is empty (name and role of the clinician who signed)")
    try:
        datetime.date.fromisoformat(record.approved_on)
    except ValueError:
        problems.append(f"approved_on {record.approved_on!r} is not a date (YYYY-MM-DD)")
    for name, value in (
        ("approved_content_sha256", record.content_sha256),
        ("approved_answers_sha256", record.answers_sha256),
    ):
        if not _SHA256.match(value):
            problems.append(f"{name} is not a SHA-256 (64 hex digits) copied from the signed report")
    if problems:
        return Verdict(False, "invalid", "; ".join(problems))
    stale = []
    if record.content_sha256 != content_sha256:
        stale.append(
            f"the content file changed (approved {record.content_sha256[:12]}…, now {content_sha256[:12]}…)"
        )
    if record.answers_sha256 != answers_sha256:
        stale.append(
            f"what the skill says changed (approved {record.answers_sha256[:12]}…, "
            f"now {answers_sha256[:12]}…)"
        )
    if stale:
        return Verdict(
            False,
            "approval out of date",
            f"approved by {record.approved_by} on {record.approved_on}, but since then "
            + " and ".join(stale)
            + ": run `make review`, have the new report signed, then record its hashes in "
            "signoff/approval.yaml",
        )
    return Verdict(True, APPROVED, f"approved by {record.approved_by} on {record.approved_on}")
