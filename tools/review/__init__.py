"""The clinician sign-off report (``make review``): every answer the skill can give, as heard, beside its
source, with flags for a reviewer, sample questions, a sign-off block per section and the content's hash;
and the approval record's check (``signoff/approval.yaml``). Developer tooling; never shipped."""
