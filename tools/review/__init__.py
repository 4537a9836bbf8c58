"""The clinician sign-off report (``make review``): every answer the skill can give, as heard, beside its
source, with flags for a reviewer, sample questions, a sign-off block per section and the content's hash;
and the approval record's check (``signoff/approval.yaml``). Developer tooling; never shipped."""

import sys
from pathlib import Path

# The function's own modules (content loader, reply builders, SSML renderer), as skill-sim imports them.
_LAMBDA = str(Path(__file__).resolve().parents[2] / "lambda")
if _LAMBDA not in sys.path:
    sys.path.insert(0, _LAMBDA)
