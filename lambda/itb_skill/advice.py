"""Recognise a request for personal medical advice in free text: pure, no content, no SDK.

A request for advice must never get a topic answer that reads like one ("can I double up on my pills"
answered with when the pump is filled). Each recogniser is a named pattern; a hit says which pattern
matched, on which words, and which answer declines it. The answers themselves are content:
``medical_advice`` (a general decline), ``stopping_the_pump`` and ``delaying_refill`` (a decline with the
caution that stopping suddenly can be dangerous), ``alarm_sounds`` (an alarm is never left to wait) and
``no_info_daily_life`` (activities with a pump: not covered, and not for the skill to decide).

Most recognisers need a *frame* that asks for permission or a decision ("can I", "should he", "is it okay
to", "how long can"); "what happens if you miss a refill" asks for a fact, "can I skip my refill" for a
decision. A few words are advice wherever they occur (milligrams, doubling up, "should I ...").

Stopping the pump, skipping or delaying a refill and leaving an alarm are a decision when said as a
statement too ("I'll skip my refill next week", "[can] I switch the pump off at night": the interaction
model's "I {report}" often takes the "can" off), as long as the words name the pump, the refill or the
alarm: someone who says they will stop needs the caution more than anyone. A question of fact ("what
happens if you miss a refill") still needs the frame.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

MEDICAL_ADVICE = "medical_advice"
STOPPING = "stopping_the_pump"
DELAYING_REFILL = "delaying_refill"
ALARM = "alarm_sounds"
ACTIVITY = "no_info_daily_life"

MAX_INPUT = 500


def _any(words: str) -> str:
    """One alternation of the space-separated ``words``; "_" joins a phrase ("turn_off" is "turn off")."""
    return "(?:" + "|".join(word.replace("_", " ") for word in words.split()) + ")"


_SUBJECT = r"(?:i|we|he|she|they|you|it|someone|(?:my|his|her|our|their) \w+)"
_OKAY = _any("ok okay alright all_right safe fine bad")
# Asking for permission or for a decision about a person.
FRAME = "|".join(
    (
        rf"\b{_any('can could may should shall must')} {_SUBJECT}\b",
        rf"\b{_any('is_it would_it_be will_it_be is_that would_that_be')}(?: \w+)? {_OKAY}\b",
        rf"\b{_any('ok okay alright safe fine')} {_any('to if with for')}\b",
        rf"\bhow {_any('long late many_days many_weeks')} {_any('can could should')}\b",
        r"\b(?:am i|are we|is he|is she) allowed\b|\bdo you think\b|\bwould you recommend\b",
    )
)

# Baclofen as the pump's medicine, not the pills: "stop my oral baclofen" is a medicine question.
_THERAPY = _any("pump pumps therapy treatment itb intrathecal (?<!oral_)baclofen(?!_pills|_tablets) it")
_REFILL = r"refill(?:s|ing)?"
_ALARM = _any("alarm alarms beep beeped beeping beeps beeper tone")
_MEDICINE = _any(
    "pills? tablets? medicines? medications? meds drugs? baclofen(?!_pump) antibiotics? ibuprofen "
    "advil motrin tylenol acetaminophen aspirin aleve naproxen benadryl melatonin antihistamines? "
    "painkillers? sleeping_pills? muscle_relax(?:ers|ants) valium diazepam tizanidine cannabis "
    "marijuana weed cbd edibles alcohol wine beers? liquor drinks? opioids? oxycodone"
)
_ACTIVITY = _any(
    "play playing sports? soccer football basketball baseball tennis golf hockey lift lifting weights "
    "gym work_out working_out exercise exercising swim swimming pool hot_tub jacuzzi sauna bath bathe "
    "shower ride riding horse horseback bike biking cycling run(?!_out) running(?!_out|_low|_empty) "
    "jog jogging hike hiking yoga dance dancing massage drive driving fly flying plane travel "
    "traveling airport security roller_coaster ski skiing garden gardening sex trampoline scuba"
)
_STOP = _any(
    "stop stopping quit quitting pause pausing end discontinue come_off go_off get_off turn_off "
    "switch_off shut_off wean_(?:\\w+_)?off weaning_(?:\\w+_)?off taper tapering"
)
_DELAY = _any(
    "skip skipping miss missing delay delaying postpone postponing push pushing put_off putting_off "
    "move moving late wait waiting go_without going_without stretch cancel"
)
_CHANGE = _any("lower raise increase decrease reduce cut change adjust up turn bump")
_DOSE = _any("dose doses dosage rate concentration setting settings")
_USE = _any(
    "take taking use using drink drinking have having mix mixing combine keep stop stopping smoke "
    "skip start try"
)
_WAIT = _any("ignore ignoring wait waiting leave silence turn_off")


class Recogniser(NamedTuple):
    name: str
    topic: str  # the content topic that declines it
    pattern: str
    needs_frame: bool
    explanation: str
    # Context that cancels a match: a pattern over the words just before it.
    unless_before: str | None = None
    # Said as a statement (no question word first), a match naming these words is a decision without a frame.
    statement_names: str | None = None


RECOGNISERS: tuple[Recogniser, ...] = (
    Recogniser(
        "leave_an_alarm",
        ALARM,
        rf"\b{_WAIT}\b(?: \w+){{0,6}} {_ALARM}\b"
        rf"|\b{_ALARM}\b(?: \w+){{0,8}} {_any('wait ignore ignored')}\b"
        rf"|\b{_any('turn switch shut')} (?:the |that |this )?{_ALARM} off\b",
        True,
        "asks whether a pump alarm can wait: it never should",
        statement_names=_ALARM,
    ),
    Recogniser(
        "stop_the_therapy",
        STOPPING,
        rf"\b{_STOP}\b(?: \w+){{0,3}} {_THERAPY}\b"
        r"|\b(?:turn|switch|shut) (?:\w+ ){0,3}off\b"
        rf"|\b{_THERAPY}\b(?: \w+){{0,4}} {_any('taken_out removed turned_off switched_off stopped')}\b"
        r"|\b(?:take|taking|have|get|getting) (?:\w+ ){0,2}(?:out|removed)\b"
        r"|\bcold turkey\b|\b(?:switch|go|change|move) back to (?:the |taking |my )?(?:pills|tablets|oral)\b",
        True,
        "asks whether to stop, pause or remove the pump: a decision for the care team, and stopping "
        "suddenly can be dangerous",
        statement_names=_any("pump pumps therapy treatment itb intrathecal baclofen"),
    ),
    Recogniser(
        "skip_or_delay_a_refill",
        DELAYING_REFILL,
        rf"\b{_DELAY}\b(?: \w+){{0,5}} {_REFILL}\b"
        rf"|\b{_REFILL}\b(?: \w+){{0,4}} {_any('late later wait back off')}\b",
        True,
        "asks whether a refill can be skipped or delayed: a late refill can empty the pump",
        statement_names=_REFILL,
    ),
    Recogniser(
        "dose_amount",
        MEDICAL_ADVICE,
        r"\b(?:milligrams?|micrograms?|mg|mcg)\b|\b(?:double|triple) (?:up|my|his|her|the)\b"
        r"|\bextra (?:pills?|tablets?|doses?|baclofen|medicine)\b"
        r"|\bcut (?:\w+ )?(?:pills?|tablets?) in half\b"
        r"|\bis (?:my|his|her|their|the) dose (?:too|right|ok|okay|enough)\b|\bwhat dose should\b"
        r"|\bhow much (?:baclofen |medicine )?should\b",
        False,
        "asks what dose a person should get: only their care team can say",
    ),
    Recogniser(
        "change_the_dose",
        MEDICAL_ADVICE,
        rf"\b{_CHANGE}\b(?: \w+){{0,3}} {_DOSE}\b|\bturn (?:\w+ ){{0,2}}(?:up|down)\b",
        True,
        "asks whether to change a dose or a pump setting",
        statement_names=_any("pump dose doses dosage rate setting settings"),
    ),
    Recogniser(
        "medicine_with_the_pump",
        MEDICAL_ADVICE,
        rf"\b{_USE}\b(?: \w+){{0,4}} {_MEDICINE}\b",
        True,
        "asks whether to take, keep or stop a medicine: a decision for the care team",
    ),
    Recogniser(
        "activity_with_the_pump",
        ACTIVITY,
        rf"\b{_ACTIVITY}\b",
        True,
        "asks whether a person can do an activity with the pump: not covered, and not the skill's to decide",
    ),
    Recogniser(
        "should_a_person",
        MEDICAL_ADVICE,
        rf"\bshould {_SUBJECT}\b|\bdo you think {_SUBJECT} (?:should|need|needs)\b|\bwould you recommend\b"
        r"|\bwhat do you recommend\b|\bis it worth (?:it|getting)\b",
        False,
        "asks what a person should do: a personal decision",
        # "what signs should I watch for", "who should I call": a question word asks for a fact instead.
        unless_before=r"\b(?:what|which|who|when|where|how|why)(?: \w+){0,2} $",
    ),
    Recogniser(
        "is_it_okay",
        MEDICAL_ADVICE,
        rf"^{_any('is_it would_it_be will_it_be')} {_any('ok okay alright all_right safe fine')}"
        rf" {_any('to if for')}\b",
        False,
        "asks whether something is all right for a person to do",
    ),
)


class AdviceHit(NamedTuple):
    recogniser: str  # which named pattern decided
    topic: str  # the answer that declines it
    matched: str  # the words that matched (for tests and reviews; never logged)
    framed_by: str | None  # the words that asked for permission or a decision, if the pattern needs them
    explanation: str


_NOT_WORD = re.compile(r"[^a-z ]+")
# A text that opens with a question word or an auxiliary asks; anything else is said as a statement.
_ASKS = (
    r"^(?:(?:um|uh|so|and|but|okay|ok|well) )*(?:what|whats|why|how|when|where|who|which|whose|is|isnt|are|"
    r"does|doesnt|do|dont|did|will|would|was|were|has|have|can|could|may|might|should|shall|must|if|tell)\b"
)


def normalize(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" -> "dont"), everything else a space."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


class _Compiled(NamedTuple):
    frame: re.Pattern[str]
    asks: re.Pattern[str]
    # each recogniser with its pattern, its cancelling context and the words a statement must name
    recognisers: tuple[
        tuple[Recogniser, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...
    ]


@cache
def _compiled() -> _Compiled:
    # Compiled when first needed, not at import: a launch or an emergency never pays for it.
    def optional(pattern: str | None) -> re.Pattern[str] | None:
        return re.compile(pattern) if pattern else None

    return _Compiled(
        re.compile(FRAME),
        re.compile(_ASKS),
        tuple(
            (
                r,
                re.compile(r.pattern),
                optional(r.unless_before),
                optional(rf"\b{r.statement_names}\b" if r.statement_names else None),
            )
            for r in RECOGNISERS
        ),
    )


def recognise(text: str | None, *, framed: bool = False, statement: bool = False) -> AdviceHit | None:
    """The advice ``text`` asks for, or None. ``framed``: the words around ``text`` already asked for
    permission or a decision (the advice intent's carrier phrases: "should I ...", "is it okay to ...");
    ``statement``: ``text`` was said after a subject ("I {report}"), not as a question or a case."""
    if not text or not isinstance(text, str):
        return None
    said = normalize(text[:MAX_INPUT])
    compiled = _compiled()
    frame = compiled.frame.search(said)
    statement = statement and compiled.asks.match(said) is None
    for recogniser, pattern, unless, names in compiled.recognisers:
        match = next(
            (m for m in pattern.finditer(said) if not (unless and unless.search(said[: m.start()]))), None
        )
        if match is None:
            continue
        decided_as_said = bool(statement and names and names.search(match.group(0)))
        if recogniser.needs_frame and frame is None and not framed and not decided_as_said:
            continue
        if framed:
            framed_by: str | None = "the question asked"
        else:
            framed_by = frame.group(0) if frame else "said as a statement" if decided_as_said else None
        return AdviceHit(recogniser.name, recogniser.topic, match.group(0), framed_by, recogniser.explanation)
    return None
