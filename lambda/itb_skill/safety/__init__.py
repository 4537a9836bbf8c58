"""Is someone in danger now? One decision, pure, that explains itself.

``assess(text)`` reads what the user said with two screens side by side and returns an ``Assessment``:

- the **rules** (``rules``): named patterns, exact and explainable; each finding names its rule and
  the veto that stopped it, if any;
- the **learned screen** (``learned``): a small classifier trained on the project's corpora, for
  phrasings no rule has a pattern for; it reports its score and the n-grams that pushed it.

The decision is the rules OR the model, in two tiers:

- ``SURE``: a rule fired, or the model's danger score reached its sure threshold. The full emergency
  response: "Call 911 now...", the session ends.
- ``POSSIBLE``: a rule matched a sign that its clause describes as not new (a habit, a long-standing or
  chronic condition), or the model's score reached its possible threshold. The 911 opener ("If this is
  an emergency, call 911 now.") comes first, then the best answer; the session stays open.
- ``NONE``: neither. Only then may a reply skip the 911 opener, and only if the skill understood.

``assess_request`` decides a whole request: the emergency intent is always sure; every slot value is
assessed; what a report intent carries is read as said after its subject (``report=True``), and so is
every slot of a request whose intent cannot be trusted (``wide=True``: the last-resort path).

Nothing here does I/O beyond reading the learned screen's weights once, touches SDK objects or reads
content, so it always loads; the responses are constants (``responses``).
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from itb_skill.safety import rules
from itb_skill.safety.responses import (
    CRISIS,
    CRISIS_SPEECH,
    EMERGENCY,
    EMERGENCY_CARD_TITLE,
    EMERGENCY_SPEECH,
    ERROR_REPROMPT,
    ERROR_SPEECH,
    OPENER,
    emergency_speech,
    opens_with_911,
)
from itb_skill.safety.text import fold, lazy_pattern, normalize, windows

__all__ = [
    "CRISIS",
    "CRISIS_SPEECH",
    "EMERGENCY",
    "EMERGENCY_CARD_TITLE",
    "EMERGENCY_INTENT",
    "EMERGENCY_SPEECH",
    "ERROR_REPROMPT",
    "ERROR_SPEECH",
    "OPENER",
    "DANGER_START_INTENT",
    "REPORT_INTENT",
    "SlotText",
    "WHAT_IF_INTENT",
    "Assessment",
    "Tier",
    "asks",
    "assess",
    "model_hold",
    "assess_request",
    "emergency_speech",
    "fold",
    "normalize",
    "opens_with_911",
    "prepare",
]

EMERGENCY_INTENT = "EmergencyIntent"  # the interaction model's intent for danger: always sure
REPORT_INTENT = "ReportIntent"  # free text said after a subject or an interjection ("my ...", "please ...")
# Free text after a start that is itself a sign or a plea ("seizure ...", "help ...", "should I take him to
# ..."): the model keeps the start as its carrier phrase, so the words that matter never reach the skill.
# Never less than possible.
DANGER_START_INTENT = "DangerStartIntent"
# Free text after "what if", "what should I do if", "how would I know if": a question about a case, read as
# one. What it names is never more than possible (911 first, then the answer), except a crisis.
WHAT_IF_INTENT = "WhatIfIntent"
WHAT_IF_CARRIER = "what if"  # put back in front of what WhatIfIntent carries, so it is read as supposed
# Whatever no other intent took, whole, in its one slot ("{words}"): read as said, like a statement after a
# subject (``caution``), but the learned screen alone is never sure of words that ask something.
CATCH_ALL_INTENT = "CatchAllIntent"
# Longer than any real utterance: past this a text is not read at all but treated as unclear (possible).
MAX_SCREENED_CHARS = 50_000
# The learned screen reads utterances of at least this many words: it learned from whole sentences, and a
# one- or two-word slot value ("bleeding") is a topic name or a bare sign, which the rules read.
MIN_MODEL_WORDS = 3

# A statement said after a subject that asks nothing, where the learned screen hears some danger, though
# less than its possible threshold: 911 first, then the answer ("the nurse couldn't get the needle in and
# now I'm shaking stiff and feverish" scored 0.30; the ordinary statements and questions that reach
# ReportIntent score under 0.03). Never the full response (``assess(caution=True)``).
STATEMENT_CAUTION = 0.1
# The person said to be well now ("... and he's in good spirits"): the learned screen alone is not sure.
_FINE_NOW = lazy_pattern(
    r"\b(?:is|are|am|seems?|looks?|feels?) (?:in (?:good|great|high) spirits"
    r"|doing (?:well|fine|great|ok|okay)"
    r"|(?:absolutely |perfectly |totally )?(?:fine|well|great|okay|ok|happy|comfortable|settled|grand))\b"
    r"(?! (?:until|till|before|earlier|this morning|a minute|an hour|yesterday))"
)
# A fear of what may come, as the frame of the whole utterance: "i'm nervous my son will get a fever and we
# won't notice". Not a fear of what may be happening now ("i'm scared he might be having a stroke": "be" is
# excluded), nor a fear said after a report ("her breaths are further apart, i'm scared she's going to stop").
_FEAR_OF_WHAT_MAY_COME = lazy_pattern(
    r"^(?:(?:um|uh|er|so|well|honestly|and|but|i|we|am|are|feel|get|getting|really|very|a|bit|little|quite"
    r"|always|just|sometimes|often|still|kind|of|so|too|pretty|my|biggest|main|worst) ){0,6}"
    r"(?:nervous|scared|afraid|worried|worry|worrying|terrified|frightened|dread|dreading|panic|panicking"
    r"|fear|fearful|anxious|overwhelmed)\b(?: \w+){0,6}? (?:will|would|might|could|may|going to|gonna"
    r"|ever)(?! be\b| have been\b) \w+"
)
# Not urgent, said so: "i'm not in any hurry", "no rush", "it's nothing urgent".
_NOT_URGENT = lazy_pattern(
    r"\b(?:not|no) (?:in )?(?:any |a |much of a )?(?:hurry|rush)\b|\bno rush\b"
    r"|\b(?:not|nothing) (?:too |very )?urgent\b"
)
# Whom the therapy is for, asked even without its first words: "[is the] pump right for my husband who ...",
# "my wife has ms and can barely bend her legs, is this for her".
_FOR_WHOM = lazy_pattern(
    r"\b(?:right|good|suitable|meant|an option|worth it) for (?:me|him|her|them|us|my \w+|someone|somebody"
    r"|people|a person)\b"
    r"|\b(?:is|would) (?:this|it|that|the pump|the therapy) (?:be )?(?:for|help)"
    r" (?:me|him|her|them|us|my \w+)\b"
    r"|\b(?:a )?(?:good )?candidate\b"
)
# A fact said for confirmation, ending in a tag question: "the catheter's made of silicone isn't it".
_TAG_QUESTION_WORDS = r"\b(?:is|are|was|does|do|did|has|have|can|will) not (?:it|he|she|they|there|that)$"
_TAG_QUESTION = lazy_pattern(_TAG_QUESTION_WORDS)
# Asks: a question word, a verb before a pronoun anywhere ("... is that withdrawal"), or before a noun at
# the start or after a joining word ("is the pump ...", "and does his ..."): not "every breath is a fight".
_ASKS_ANYWHERE = lazy_pattern(
    r"\b(?:what|whats|why|how|when|where|who|which|whether|if)\b"
    r"|\b(?:is|are|does|do|did|can|could|will|would|should|may|might|has|have)"
    r" (?:i|he|she|it|they|we|you|this|that|there|someone)\b"
    r"|(?:^|\b(?:and|so|but|or|um|uh|well|okay|ok) )(?:is|are|does|do|did|can|could|will|would|should|may"
    r"|might|has|have) (?:the|my|his|her|our|their|a|an|baclofen)\b"
    r"|\b(?:want|wants|like|need|needs) to (?:know|ask|learn|find out|hear|book|make|schedule|talk|speak|see"
    r"|understand|check)\b|\b(?:wondering|tell me|interested in|looking for|question|or not)\b"
    rf"|{_TAG_QUESTION_WORDS}"
)


def asks(text: object) -> bool:
    """Whether ``text`` asks something: a question word, a verb before its subject, a tag question."""
    return isinstance(text, str) and _ASKS_ANYWHERE.search(normalize(text)) is not None


class Tier(IntEnum):
    NONE = 0
    POSSIBLE = 1
    SURE = 2


class Assessment(NamedTuple):
    tier: Tier
    kind: str | None  # EMERGENCY or CRISIS when the tier is not NONE
    reasons: tuple[str, ...]  # rule ids, vetoes, the model's score and top features; never user text

    @property
    def sure(self) -> bool:
        return self.tier is Tier.SURE

    @property
    def possible(self) -> bool:
        return self.tier is Tier.POSSIBLE


NOTHING = Assessment(Tier.NONE, None, ())


def _describe(finding: rules.Finding) -> str:
    return f"rule {finding.rule}" if finding.veto is None else f"rule {finding.rule} vetoed: {finding.veto}"


_READINGS = {
    "plain": rules.check,
    # a typed slot's value: part of a question or request (a topic intent), where no sign named alone counts
    "slot": lambda text: rules.check(text, 0, asked=True),
    "report": rules.check_report,
    "danger start": rules.check_after_danger_start,
}
# Intents whose slot carries what the user said in their own words (AMAZON.SearchQuery), and the one
# that means a question (a slot of any other intent holds the value of a list: a topic, a person, a sign).
FACT_QUESTION_INTENT = "FactQuestionIntent"  # "what should I ...", "who should I ...": a question of fact
FOLLOW_ON_INTENT = "FollowOnIntent"  # "so ...", "and then ...": a follow-on question in the user's words
FREE_TEXT_INTENTS = frozenset(
    {
        "QuestionIntent",
        REPORT_INTENT,
        DANGER_START_INTENT,
        WHAT_IF_INTENT,
        FACT_QUESTION_INTENT,
        FOLLOW_ON_INTENT,
    }
)


def _assess_piece(
    piece: str,
    reading: str,
    use_rules: bool,
    use_model: bool,
    explain: bool,
    fragment: bool = False,
    caution: bool = False,
) -> Assessment:
    tier, kind, reasons = Tier.NONE, None, []
    findings: tuple[rules.Finding, ...] = ()
    if use_rules:
        findings = _READINGS[reading](piece)
        best = rules.best(findings)
        if best is not None and best.tier:
            tier, kind = Tier(best.tier), best.kind
            reasons.append(_describe(best))
        if explain:  # each finding once, in the order tried
            reasons = list(dict.fromkeys(_describe(finding) for finding in findings))
    if use_model and kind != CRISIS and len(piece.split()) >= MIN_MODEL_WORDS:
        from itb_skill.safety import learned  # weights are read on first use, never at import

        scored = learned.score(piece, explain=explain)
        model_tier = Tier(learned.tier(scored.danger))
        said = normalize(piece)
        held = None
        if model_tier is Tier.SURE and not scored.crisis:
            held = _hold(said, fragment, findings)
        if held:
            model_tier = Tier.POSSIBLE
        cautious = (
            caution
            and model_tier is Tier.NONE
            and scored.danger >= STATEMENT_CAUTION
            and not _ASKS_ANYWHERE.search(said)
        )
        if cautious:
            model_tier = Tier.POSSIBLE
        if model_tier or explain:
            top = f" [{', '.join(scored.top)}]" if scored.top else ""
            why = ": a statement that asks nothing" if cautious else f": {held}" if held else ""
            reasons.append(f"model {scored.danger:.3f} ({model_tier.name.lower()}{why}){top}")
        if model_tier > tier:
            tier, kind = model_tier, CRISIS if scored.crisis and not cautious else EMERGENCY
        elif model_tier is Tier.SURE and learned.sure_of(scored.crisis_probability):
            # The model is sure of a crisis itself (not only of danger) where a rule read an emergency: 988
            # as well. Danger alone is not enough: "I'm going to faint" is a sign, not a plan.
            kind = CRISIS
    return Assessment(tier, kind, tuple(reasons))


def _hold(said: str, fragment: bool, findings: tuple[rules.Finding, ...]) -> str | None:
    """What holds the learned screen, sure of an emergency (not a crisis), to possible (911 first, not the
    full response), or None: the rules can still be sure. ``said``: the normalized text; ``findings``: what
    the rules found in it."""
    if fragment:
        # Words a list type did not match, in a slot of a topic intent, are a fragment of a question read
        # without the words that asked it ("is the pump better than {swallowing baclofen tablets}"); the
        # catch-all's words that ask are a question read whole.
        return "words of a question"
    if _FINE_NOW.search(said):
        return "the person said to be well now"  # "... and he's in good spirits"
    if _FEAR_OF_WHAT_MAY_COME.search(said):
        return "a fear of what may come"  # "i'm nervous he'll get a fever and we won't notice"
    if _NOT_URGENT.search(said):
        return "the words say it is not urgent"  # "i'm not in any hurry", "it's nothing urgent"
    if _FOR_WHOM.search(said):
        return "a question of whom the therapy is for"  # "[is the] pump right for my husband who can't ..."
    if findings and all(f.rule.startswith("always:") and f.veto == "hypothetical" for f in findings):
        return "the rules found the words framed as a case"  # "call an ambulance if she ever ..."
    if findings and all(finding.veto == "over" for finding in findings):
        return "the rules found the sign said to be over"  # "... and it's long gone now"
    if not any(finding.veto is None for finding in findings) and rules.says_it_ended(said):
        return "the words say it ended"  # "the beeping stopped after they refilled it yesterday"
    return None


def model_hold(text: str) -> str | None:
    """What the words of ``text`` say that holds the learned screen back from being sure (``_hold``; not
    whether it was asked, which depends on how it reached the skill): the training tool chooses the sure
    threshold among the negatives nothing holds back."""
    return _hold(normalize(text), False, rules.check(text))


def _more_alarming(decided: Assessment, found: Assessment, keep_all: bool) -> Assessment:
    crisis_over_emergency = found.tier == decided.tier and found.kind == CRISIS != decided.kind
    winner = found if found.tier > decided.tier or crisis_over_emergency else decided
    return Assessment(
        winner.tier, winner.kind, decided.reasons + found.reasons if keep_all else winner.reasons
    )


def assess(
    text: object,
    *,
    report: bool = False,
    danger_start: bool = False,
    typed_slot: bool = False,
    fragment: bool = False,
    caution: bool = False,
    use_rules: bool = True,
    use_model: bool = True,
    explain: bool = False,
) -> Assessment:
    """How sure it is that ``text`` reports danger now. Pure (but for reading weights once); never raises.

    ``report``: the text was said after a subject or interjection that the interaction model took off
    ("he's {report}"), so it is read as it is and with a neutral subject put back; ``danger_start``: what
    was said after a sign or a plea ("help {report}"), where a plea left on its own is sure; ``typed_slot``:
    the value of a listed slot type ("can the surgery cause {complication}"), where a sign named alone is the
    thing asked about, not a report; ``fragment``: words no listed value matched in such a slot, where the
    learned screen alone is never sure (but of a crisis), nor of the catch-all's words that ask;
    ``caution``: a statement said after a subject (or whole, to the catch-all), where a lower learned
    score that asks nothing is possible (``STATEMENT_CAUTION``). ``explain``: every finding and the
    model's top features, not only what decided. ``use_rules``/``use_model``: one screen
    alone, for measuring each (``skill-sim measure``); the skill always uses both.
    """
    if not isinstance(text, str) or not text.strip():
        return NOTHING
    if len(text) > MAX_SCREENED_CHARS:
        return Assessment(Tier.POSSIBLE, EMERGENCY, ("too long to screen",))
    try:
        reading = (
            "danger start" if danger_start else "report" if report else "slot" if typed_slot else "plain"
        )
        said = normalize(text)
        # A whole utterance that asks something (the catch-all's words), or a fact said for confirmation
        # whatever carried it ("the catheter's made of silicone isn't it"): the model alone is not sure.
        fragment = (
            fragment
            or (reading == "plain" and _ASKS_ANYWHERE.search(said) is not None)
            or (reading in ("plain", "report") and _TAG_QUESTION.search(said) is not None)
        )
        decided = NOTHING
        for piece in windows(text):
            found = _assess_piece(piece, reading, use_rules, use_model, explain, fragment, caution)
            decided = _more_alarming(decided, found, explain)
            if decided.sure and decided.kind == CRISIS and not explain:
                break
        return decided
    except Exception as error:  # a screening bug must not break the request: unclear means 911 first
        return Assessment(Tier.POSSIBLE, EMERGENCY, (f"screen failed: {type(error).__name__}",))


class SlotText(NamedTuple):
    """One slot's value as Alexa sent it, and whether it is a value its slot type lists."""

    name: object
    value: object
    listed: bool | None = None  # True: ER_SUCCESS_MATCH; False: no listed value matched; None: no list


def _as_slot(slot: object) -> SlotText:
    return slot if isinstance(slot, SlotText) else SlotText(None, slot, None)


def assess_request(
    intent_name: object,
    slots: list[SlotText] | list[object],
    *,
    wide: bool = False,
    explain: bool = False,
) -> Assessment:
    """The decision for a whole request: the emergency intent, else the most alarming slot value.

    ``slots``: ``SlotText`` (or bare values, of no known list). ``wide``: read every slot the widest way
    (as said after a subject), because the intent that carried it cannot be trusted (a request the SDK
    could not read). A slot of a topic intent is read as the thing asked about (no sign named alone
    counts), and the learned screen reads it only if no list matched it (the user's own words). The
    emergency intent heard only in words its types do not list, and that ask ("what happens if the
    baclofen stops all of a sudden" as "{person} {symptom} all of a sudden"), is possible, not sure.
    """
    slots = [_as_slot(slot) for slot in slots]
    resolvable = [slot.listed for slot in slots if slot.name != "person" and slot.listed is not None]
    listed = not resolvable or any(resolvable)
    if intent_name == EMERGENCY_INTENT and listed and not explain:
        # The model heard an emergency in words its types list: sure. Only whether it is a crisis is left.
        crisis = any(
            finding.kind == CRISIS and finding.veto is None
            for slot in slots
            if isinstance(slot.value, str)
            for finding in rules.check_always(slot.value)
        )
        return Assessment(Tier.SURE, CRISIS if crisis else EMERGENCY, (f"intent {EMERGENCY_INTENT}",))
    report = wide or intent_name in (REPORT_INTENT, FOLLOW_ON_INTENT)  # said after a subject or "so ..."
    danger_start = intent_name == DANGER_START_INTENT
    decided = NOTHING
    if danger_start:
        decided = Assessment(
            Tier.POSSIBLE, EMERGENCY, (f"intent {DANGER_START_INTENT}: began with a sign or a plea",)
        )
    whole = intent_name == CATCH_ALL_INTENT
    typed_intent = (
        not (wide or whole) and intent_name not in FREE_TEXT_INTENTS and intent_name != EMERGENCY_INTENT
    )
    for slot in slots:
        value = slot.value
        if intent_name == WHAT_IF_INTENT and isinstance(value, str):
            value = f"{WHAT_IF_CARRIER} {value}"  # the carrier put back: the rules' own veto reads the case
        found = assess(
            value,
            report=report,
            danger_start=danger_start,
            typed_slot=typed_intent,
            fragment=typed_intent and slot.listed is False,
            caution=intent_name in (REPORT_INTENT, CATCH_ALL_INTENT),
            use_model=not (typed_intent and slot.listed is True),
            explain=explain,
        )
        if found.tier > decided.tier or (found.tier == decided.tier and found.kind == CRISIS):
            decided = found
        if decided.sure and decided.kind == CRISIS:
            break
    if intent_name == WHAT_IF_INTENT and decided.sure and decided.kind != CRISIS:
        return Assessment(
            Tier.POSSIBLE, decided.kind, (f"intent {WHAT_IF_INTENT}: asked as a case", *decided.reasons)
        )
    if (
        intent_name == FACT_QUESTION_INTENT
        and decided.sure
        and decided.kind != CRISIS
        and _only_explicit(decided)
    ):
        # "when should I {ring nine one one about the pump}": a question of fact whose only danger is the
        # emergency word or number itself; its answer starts with 911 anyway
        reason = f"intent {FACT_QUESTION_INTENT}: the emergency word asked about"
        return Assessment(Tier.POSSIBLE, decided.kind, (reason, *decided.reasons))
    if intent_name == EMERGENCY_INTENT:  # the model heard an emergency: sure, crisis if a slot says so
        kind = CRISIS if decided.kind == CRISIS else EMERGENCY
        if not listed and not decided.sure and any(_asks_something(slot.value) for slot in slots):
            reason = f"intent {EMERGENCY_INTENT} on unlisted words that ask"
            return Assessment(Tier.POSSIBLE, kind, (reason, *decided.reasons))
        return Assessment(Tier.SURE, kind, (f"intent {EMERGENCY_INTENT}", *decided.reasons))
    return decided


_ASKING_WORDS = frozenset(
    {
        "if",
        "what",
        "how",
        "why",
        "when",
        "whether",
        "does",
        "do",
        "mean",
        "means",
        "happens",
        "would",
        "could",
    }
)


def _only_explicit(decided: Assessment) -> bool:
    """Whether what made ``decided`` sure is the explicit-word rule alone (not a sign, not the model)."""
    sure_reasons = [r for r in decided.reasons if r.startswith("rule ") and " vetoed" not in r]
    sure_reasons += [r for r in decided.reasons if r.startswith("model ") and "(sure" in r]
    return bool(sure_reasons) and all(r == "rule always:explicit" for r in sure_reasons)


def _asks_something(value: object) -> bool:
    """A slot value with a question or a supposition in it ("happens if the baclofen stops")."""
    return isinstance(value, str) and not _ASKING_WORDS.isdisjoint(normalize(value).split())


def prepare() -> None:
    """Compile every rule and load the learned screen now (an environment initialized ahead of requests)."""
    from itb_skill.safety import learned

    rules.prepare()
    learned.model()
