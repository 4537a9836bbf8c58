"""The named rules of the screen: exact, explainable patterns over normalized text.

Each rule has a unique id (``always:explicit``, ``report:breathing``, ``body:wound``, ``phrase:reaction``,
``bare``) and every match is checked for the context that stops it (a veto), so a finding says which
rule fired, or which rule matched and what stopped it. Pure: no I/O, no SDK, no content.

How a finding is made
---------------------
Danger reported as happening now is an emergency; a question about a risk is not.
1. ALWAYS rules: explicit emergency words ("emergency", "911", "ambulance", "urgent"), crisis words and
   plans, and phrases that only ever describe the present ("not breathing", "won't wake up", "having a
   seizure", "passed out", "fell"). They fire wherever they occur, and no context stops them.
2. REPORT rules: a subject (I, he, my husband, his incision, the pump...) in a present state followed by
   a sign ("he has a high fever", "my legs are numb"). BODY rules: a sign that carries its own noun ("the
   incision is leaking", "his throat is closing"). PHRASE rules: signs said in a fixed shape with no
   subject ("weakness moving up to the arms", "a headache on sitting up that eases lying down").
   A match is stopped (vetoed) when its clause asks or supposes rather than reports:
   - ``question``: inverted as a general question ("does he have", "can it make me");
   - ``hypothetical``: "what if", "how do I know if", "risk", "chance";
   - ``feared``: a fear of what might come ("afraid of being paralyzed");
   - ``candidacy``: the sign is why they ask about the therapy ("her legs are weak, can the pump help");
   - ``during surgery``: what the surgeons see and do, not what happens at home;
   and it is held back to the possible tier when the clause describes what is not news:
   - ``long-standing``: "for years", "since birth", "ever since";
   - ``habit``: "always", "every morning", "sometimes", "when he stands up";
   - ``chronic condition``: a named long-term condition before the sign ("my wife has MS and is very
     stiff"), unless the sign is said to be sudden or new ("suddenly", "since the refill").
3. BARE rule: a short utterance that is not a question and names a sign without a subject ("chest
   pain", "son seizure"). Names of topics the page lists ("dizziness", "bleeding") are not bare signs.

Where the safety facts come from: the patient page (Henry Ford Health, baclofen pump therapy: "call 911
if you have an emergency or urgent medical question" and the surgical complications), the FDA prescribing
information for Lioresal Intrathecal (boxed warning on abrupt discontinuation; overdosage), summarized in
``itb-safety-facts.md``; and 988, the Suicide and Crisis Lifeline, given with 911 for thoughts of suicide.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from itb_skill.safety.responses import EMERGENCY
from itb_skill.safety.rules.vetoes import (
    _QUESTION_START,
    _QUESTION_WORDS_RE,
    _RESOLVED_AFTER_RE,
    POSSIBLE_VETOES,
    _always_veto,
    _asks,
    _veto,
)
from itb_skill.safety.rules.vocabulary import (
    _ALWAYS,
    _BARE,
    _BODY,
    _BODY_FILLER,
    _CHAIN,
    _CHAIN_STATE,
    _DETERMINER,
    _NAME,
    _NP_WORD,
    _PHRASES,
    _PLEA_RE,
    _SIGNS,
    _SUBJECT,
)
from itb_skill.safety.text import lazy_pattern, normalize


def _compile_always() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple(
        (kind, f"always:{reason}", re.compile(rf"\b(?:{pattern})\b")) for kind, reason, pattern in _ALWAYS
    )


def _compile_report() -> re.Pattern[str]:
    signs = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _SIGNS.items())
    # Inner groups are all non-capturing, so ``lastgroup`` names the sign.
    return re.compile(rf"\b(?:{_SUBJECT}{_CHAIN}|{_NAME}{_CHAIN_STATE}) (?:{signs})\b")


def _bodies() -> str:
    """Every ``_BODY`` rule, "<noun><filler> <bad state>", as one pattern that spells the filler once.

    Matches exactly as the alternation of ``(?P<name>(?:noun)<filler> (?:bad))`` over ``_BODY`` in
    order would (same attempts in the same order; ``lastgroup`` names the body), but the filler (most
    of the text) is compiled once instead of once per body in two patterns: most of what compiling the
    screening cost at every cold start. Each noun is a named group; a chain of conditionals then
    takes the bad states of the noun that matched.
    """
    nouns = "|".join(f"(?P<{name}>{noun})" for name, (noun, _) in _BODY.items())
    bad_states = "(?!)"
    for name, (_, bad) in reversed(_BODY.items()):
        bad_states = f"(?({name})(?:{bad})|{bad_states})"
    return f"(?:{nouns}){_BODY_FILLER} {bad_states}"


def _compile_body() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_DETERMINER} (?:{_NP_WORD} ){{0,2}})?{_bodies()}\b")


def _compile_phrase() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PHRASES.items()) + r")\b"
    )


def _compile_bare() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_BARE}|{'|'.join(_SIGNS.values())}|{_bodies()})\b")


@cache
def _always_rules() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """The ALWAYS rules, compiled when a text is first screened (a launch screens nothing)."""
    return _compile_always()


@cache
def _deep_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(REPORT, BODY, PHRASE, BARE): compiled when a screening first gets past the ALWAYS rules.

    Most of the patterns' text (about 18,000 characters, ~15 ms to compile): a launch screens nothing,
    and an emergency said outright ("he's not breathing") is answered by the ALWAYS rules alone.
    """
    return _compile_report(), _compile_body(), _compile_phrase(), _compile_bare()


def prepare() -> None:
    """Compile every rule now (for an environment initialized ahead of its requests)."""
    _always_rules()
    _deep_rules()


# Names of topics the patient page lists (side effects, complications): a bare topic is a question.
_TOPIC_NAMES = frozenset(
    {"dizziness", "vomiting", "bleeding", "paralysis", "infection", "an infection", "meningitis"}
    | {"headache", "headaches", "swelling", "bruising", "sleepiness", "loose muscles", "upset stomach"}
    | {"spinal fluid leak", "numbness", "confusion", "withdrawal", "overdose", "throwing up", "low"}
    | {"dizzy", "drowsy", "lightheaded", "light headed", "sleepy", "woozy", "faint", "confused"}
    | {"seizure", "seizures", "fever", "fevers", "tingling", "itching", "numbness", "rigidity", "drowsiness"}
    | {"pump alarm", "alarm", "alarms", "low blood pressure", "withdrawal symptoms", "lightheadedness"}
    | {"back", "up", "hot", "red", "open", "fast", "worse", "empty", "stopped", "moved", "wet", "weak"}
)
_ARTICLE_RE = lazy_pattern(r"^(?:the|a|an|about|some) ")


class Finding(NamedTuple):
    """One rule that matched: its id, the kind of danger, and what stopped it (None: it fired)."""

    rule: str
    kind: str
    veto: str | None = None

    @property
    def tier(self) -> int:
        """2: sure; 1: possible (a sign described as not new, or an ALWAYS rule held back); 0: stopped
        by a question or a hypothesis."""
        if self.veto is None:
            return 2
        return 1 if self.veto in POSSIBLE_VETOES or self.rule.startswith("always:") else 0


def _scan(pattern: re.Pattern[str], text: str, prefix: str, asking: bool) -> list[Finding]:
    """Every match of ``pattern`` with its veto, up to and including the first that fires."""
    found: list[Finding] = []
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return found
        veto = _veto(text, match.start(), match.end(), asking)
        finding = Finding(f"{prefix}:{match.lastgroup}", EMERGENCY, veto)
        found.append(finding)
        if finding.veto is None:
            return found
        position = match.start() + 1


def _is_question(raw: str, text: str) -> bool:
    words = text.split()
    return (
        "?" in raw
        or not words
        or (words[0] in _QUESTION_START and not (len(words) > 1 and words[1] == "not"))
        or bool(_QUESTION_WORDS_RE.search(text))
    )


BARE_MAX_WORDS = 8
FRAGMENT_BARE_MAX_WORDS = 3  # the rest of an utterance after its carrier phrase: only a sign and little more


def _bare(raw: str, text: str, max_words: int = BARE_MAX_WORDS) -> list[Finding]:
    """A sign named on its own, without a subject, in a short utterance that is not a question."""
    if len(text.split()) > max_words:
        return []
    match = _deep_rules()[3].search(text)
    if match is None:
        return []
    if _ARTICLE_RE.sub("", text) in _TOPIC_NAMES:
        return [Finding("bare", EMERGENCY, "topic name")]
    if _is_question(raw, text):
        return [Finding("bare", EMERGENCY, "question")]
    vetoes: list[Finding] = []
    while match is not None:
        veto = _veto(text, match.start(), match.end(), True)
        if veto is None:
            return [*vetoes, Finding("bare", EMERGENCY)]
        vetoes.append(Finding("bare", EMERGENCY, veto))
        match = _deep_rules()[3].search(text, match.start() + 1)
    return vetoes


def check(raw: str, bare_max_words: int = BARE_MAX_WORDS, asked: bool = False) -> tuple[Finding, ...]:
    """Every finding of the rules on ``raw``, in the order tried, ending with the first that fires.
    ``bare_max_words``: how long a text may be for a sign named in it alone to count (0: never).
    ``asked``: the words were asked, whatever their own form (a topic intent's slot; a question read again
    with a subject put back)."""
    text = normalize(raw)
    if not text:
        return ()
    found = list(check_always(raw))
    if found and found[-1].veto is None:
        return tuple(found)
    asking = asked or _asks(raw, text)
    report, body, phrase, _ = _deep_rules()
    for prefix, pattern in (("report", report), ("body", body), ("phrase", phrase)):
        found += _scan(pattern, text, prefix, asking)
        if found and found[-1].veto is None:
            return tuple(found)
    return tuple(found + _bare(raw, text, bare_max_words))


# The subject put back in front of a clause whose own subject was the carrier phrase of a sample.
REPORT_SUBJECT = "the person"


def check_report(raw: str) -> tuple[Finding, ...]:
    """``check`` for words said after a subject or an interjection ("my ...", "he's ...", "please ...").

    The report intent's carrier phrase is not in its slot, so "he's {report}" sends "not breathing":
    the clause is read as it is and with a neutral subject put back, so the subject-and-sign rules can
    read it.
    """
    plain = check(raw, FRAGMENT_BARE_MAX_WORDS)
    if plain and plain[-1].veto is None:
        return plain
    rest = normalize(raw)
    courtesy = _COURTESY_RE.fullmatch(rest)  # "volume six {please}": a plea needs more than manners
    if _PLEA_RE.fullmatch(rest) or (rest and not courtesy and _PLEA_REST_RE.fullmatch(rest + " ")):
        return (*plain, Finding("always:plea", EMERGENCY))  # "please {report}" with "hurry": a plea
    # read again with a subject put back, still as a question if it was one ("erm {is ... a problem with ...}")
    return plain + check(f"{REPORT_SUBJECT} {raw}", 0, asked=_asks(raw, rest))


# What is left of a plea or an "is it the ER" question once the interaction model took its first words
# as the carrier phrase ("help {report}" sends "us please"; "should I take him to {report}", "the er").
_PLEA_REST_RE = lazy_pattern(
    r"(?:(?:me|us|him|her|them|my \w+|please|now|right now|quick|quickly|fast|somebody|someone|anybody|anyone"
    r"|it is bad|help|now please|oh god|oh my god|hurry|hurry up)(?: |$))+"
)
_COURTESY_RE = lazy_pattern(
    r"(?:please|now|right now|thanks|thank you)(?: (?:please|now|right now|thanks|thank you))*"
)
# What is left of "why won't he {report}": the verb of a danger happening now.
_DANGER_VERB_REST_RE = lazy_pattern(
    r"(?:wake(?: up)?|breathe|respond|answer(?: me)?|move|open (?:his|her|their) eyes|stop (?:shaking|bleeding"
    r"|seizing|jerking|convulsing|throwing up|vomiting|twitching))(?: now| right now)?"
)
# What is left of "get someone {report}", "send someone {report}": where to ("here now", "to the house").
_PLACE_REST_RE = lazy_pattern(
    r"(?:here|over here|round|over|out here|to (?:the|my|our|this) (?:house|home|flat|apartment|address))"
    r"(?: now| right now| quick| quickly| fast| please| straight away)*"
)
_WHERE_REST_RE = lazy_pattern(
    r"(?:in|on|at|by|under|next to|outside|inside) (?:the|his|her|my|our|their|a) (?:\w+ )?(?:bathroom|bedroom"
    r"|kitchen|hall|hallway|living room|lounge|garden|floor|bed|chair|wheelchair|car|shower|bath|toilet|stairs"
    r"|landing|street|garage|yard|driveway|sofa|couch)(?: now| right now| again| please| help)*"
)
_HAPPENING_NOW_REST_RE = lazy_pattern(
    r"(?:(?:it is |is )?(?:happening|going on) (?:now|right now|again)(?: and)?)?"
    r"(?: ?(?:he|she|they) (?:is|are) still (?:going|at it|doing it|happening))?(?: now| right now| please| help)*"
    r"(?<=\w)"
)
_DESTINATION_RE = lazy_pattern(
    r"(?:the )?(?:er|e r|emergency room|emergency|hospital|urgent care|a and e)(?: now| right now)?"
)


# The signs a danger start can begin with (DangerStartIntent's carrier phrases): what follows is read with
# each put back ("blood {report}" sends "is pouring out"), since the skill cannot know which one was said.
DANGER_STARTS = ("blood", "bleeding", "fluid", "pain", "fever", "seizure", "chest", "crushing", "so much",
                 "the pump", "nobody", "everyone", "no one", "took", "will not", "worst",
                 "pins and needles", "nothing")  # fmt: skip


def check_after_danger_start(raw: str) -> tuple[Finding, ...]:
    """``check_report`` for what follows a start that itself was a sign or a plea ("help {report}",
    "seizure {report}"): a plea or an emergency destination left on its own is a sure finding, and the
    rest is read with each sign it could have followed put back."""
    text = normalize(raw)
    if text and _PLEA_REST_RE.fullmatch(text + " "):
        return (Finding("always:plea", EMERGENCY),)
    if text and _DESTINATION_RE.fullmatch(text):
        return (Finding("always:to_the_er", EMERGENCY),)
    if text and _PLACE_REST_RE.fullmatch(text):
        return (Finding("always:plea", EMERGENCY),)
    if text and (_WHERE_REST_RE.fullmatch(text) or _HAPPENING_NOW_REST_RE.fullmatch(text)):
        # the sign said first, then only where the person is or that it is happening now: "out cold {in the
        # bathroom}", "seizure {happening now she's still going}"
        return (Finding("always:sign_where_or_now", EMERGENCY),)
    if text and _DANGER_VERB_REST_RE.match(text):
        return (Finding("always:unconscious", EMERGENCY),)
    found = check_report(raw)
    for start in DANGER_STARTS:
        if found and found[-1].veto is None:
            break
        found += check_always(f"{start} {raw}")
    return found


def check_always(raw: str) -> tuple[Finding, ...]:
    """The ALWAYS rules alone: phrases that only ever describe the present (for text the skill rebuilt)."""
    text = normalize(raw)
    found: list[Finding] = []
    for kind, rule, pattern in _always_rules():
        for match in pattern.finditer(text):
            veto = _always_veto(raw, text, rule.removeprefix("always:"), match.start(), match.end())
            found.append(Finding(rule, kind, veto))
            if veto is None:
                return tuple(found)
    return tuple(found)


def says_it_ended(text: str) -> bool:
    """Whether normalized ``text`` says how something ended ("the beeping stopped after they refilled it"):
    what the ``over`` veto reads after a sign, read anywhere (for the learned screen, which finds no sign)."""
    return _RESOLVED_AFTER_RE.search(text) is not None


def best(findings: tuple[Finding, ...]) -> Finding | None:
    """The finding that decides: the first that fired, else the first held back to possible."""
    return max(findings, key=lambda finding: finding.tier, default=None)
