"""Emergency screening and the emergency response: pure, with no dependencies.

Nothing here does I/O, reads content files or touches SDK objects, so it always loads and can be
tested exhaustively. ``screen`` decides whether text reports danger; the response is built from
the constants below, so an emergency is answered even when content or storage are broken.

Where the safety facts come from
--------------------------------
- The patient page (Henry Ford Health, baclofen pump therapy): "call 911 if you have an emergency or
  urgent medical question", and the surgical complications (infection, meningitis, spinal fluid leak,
  paralysis, headache, swelling, bleeding), which count as an emergency when reported as happening now.
- The FDA prescribing information for Lioresal Intrathecal (baclofen injection):
  the boxed warning on abrupt discontinuation (high fever, altered mental status, exaggerated rebound
  spasticity, muscle rigidity; early signs: return of baseline spasticity, pruritus, hypotension,
  paresthesias; causes such as a pump alarm, a missed refill, an empty or stopped pump, a catheter
  problem), and the overdosage section (drowsiness, lightheadedness, dizziness, somnolence,
  respiratory depression, seizures, rostral progression of hypotonia, loss of consciousness, coma).
- 988, the Suicide and Crisis Lifeline (call or text 988), given with 911 for thoughts of suicide.

How ``screen`` decides
----------------------
Danger reported as happening now is an emergency; a question about a risk is not.
1. ALWAYS rules: explicit emergency words ("emergency", "nine one one", "ambulance", "urgent"),
   crisis words, and phrases that only ever describe the present ("not breathing", "won't wake up",
   "having a seizure", "passed out", "fell"). They fire wherever they occur.
2. REPORT rules: a subject (I, he, my husband, his incision, the pump...) in a present state followed
   by a sign ("he has a high fever", "my legs are numb", "my pump is beeping"). They do not fire when
   the clause is hypothetical ("what if", "how do I know if"), inverted as a general question
   ("does he have", "can it make me"), or describes what is not news: a long-standing condition
   ("for years"), a habit ("always", "all the time", "in the mornings"), the reason for asking about
   the therapy ("her legs are weak, can the pump help") or the operation itself ("during surgery").
   Stiffness is a withdrawal sign when it is sudden, strong, or said with raising the dose ("he's
   stiff, should I turn the pump up"); "he has always been stiff" is a caregiver's description.
3. BARE rules: a short utterance that is not a question and names a sign without a subject
   ("chest pain", "son seizure", "high fever stiff neck"). Names of topics the page lists as side
   effects or complications ("dizziness", "bleeding", "paralysis") are not bare signs, so a topic
   slot value never reads as an emergency on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

EMERGENCY = "emergency"
CRISIS = "crisis"  # thoughts of suicide or self-harm: 911 and the 988 Lifeline
EMERGENCY_INTENT = "EmergencyIntent"  # the interaction model's intent for danger: always 911

EMERGENCY_SPEECH = (
    "Call 911 now. I can't call for you. "
    "Tell the responders that the person has an intrathecal baclofen pump."
)
CRISIS_SPEECH = (
    "Call 911 now. I can't call for you. "
    "You can also call or text 988, the Suicide and Crisis Lifeline, any time. "
    "Tell the responders that the person has an intrathecal baclofen pump."
)
EMERGENCY_CARD_TITLE = "Call 911 now"
# Said when anything inside the skill broke: it must still point to 911.
ERROR_SPEECH = (
    "Sorry, something went wrong on my side. If this is an emergency, call 911 now. "
    "Otherwise, what would you like to ask?"
)
ERROR_REPROMPT = "If this is an emergency, call 911 now. Otherwise, what would you like to ask?"

MAX_INPUT = 500  # characters screened; a longer slot value is cut (no real utterance is this long)


@dataclass(frozen=True)
class Danger:
    kind: str  # EMERGENCY or CRISIS
    reason: str  # the rule that fired, for tests and metrics; never user text


def emergency_speech(kind: str) -> str:
    return CRISIS_SPEECH if kind == CRISIS else EMERGENCY_SPEECH


# ---- normalization: the way people type and the way Alexa transcribes, made one form ----

_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "can not": "cannot",
    "won't": "will not",
    "wont": "will not",
    "wouldn't": "would not",
    "wouldnt": "would not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "arent": "are not",
    "wasn't": "was not",
    "wasnt": "was not",
    "doesn't": "does not",
    "doesnt": "does not",
    "don't": "do not",
    "dont": "do not",
    "didn't": "did not",
    "didnt": "did not",
    "hasn't": "has not",
    "hasnt": "has not",
    "haven't": "have not",
    "havent": "have not",
    "couldn't": "could not",
    "couldnt": "could not",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'll": "i will",
    "he's": "he is",
    "hes": "he is",
    "she's": "she is",
    "shes": "she is",
    "it's": "it is",
    "its": "it is",
    "they're": "they are",
    "theyre": "they are",
    "we're": "we are",
    "you're": "you are",
    "what's": "what is",
    "whats": "what is",
    "that's": "that is",
    "thats": "that is",
    "there's": "there is",
    "theres": "there is",
    "gonna": "going to",
    "wanna": "want to",
    "nine one one": "911",
    "nine eleven": "911",
    "nine hundred eleven": "911",
    "9 1 1": "911",
    "nine eight eight": "988",
}
_CONTRACTION_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_CONTRACTIONS, key=len, reverse=True)) + r")\b"
)
_NOT_TEXT_RE = re.compile(r"[^a-z0-9' ]+")
_SPACES_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"'s\b|'")


def normalize(text: str) -> str:
    """Lower-case, straighten apostrophes, expand contractions, drop possessive 's, one space."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SPACES_RE.sub(" ", _NOT_TEXT_RE.sub(" ", text)).strip()
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], text)
    return _POSSESSIVE_RE.sub("", text)


# ---- vocabulary: words joined with single spaces, as normalize leaves them ----


def _words(*words: str) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_PRONOUN = _words("i", "he", "she", "they", "we", "it")
_DETERMINER = _words("my", "his", "her", "their", "our", "your", "the", "this")
_STATE = _words(
    "is", "am", "are", "was", "were", "been", "being", "has", "have", "had", "got", "gotten",
    "getting", "keeps", "keep", "kept", "started", "starting", "starts", "began", "begun", "seems",
    "seem", "seemed", "looks", "look", "looking", "looked", "feels", "feel", "feeling", "felt", "went",
    "gone", "going", "goes", "turned", "turning", "turns", "became", "becoming", "becomes", "having",
    "showing", "acting", "developed", "developing", "sounds", "sounding", "sound",
)  # fmt: skip
_FILLER = _words(
    "a", "an", "the", "really", "very", "so", "super", "extremely", "too", "quite", "pretty", "kind of",
    "sort of", "a bit", "a little", "all", "just", "now", "right now", "still", "suddenly",
    "all of a sudden", "like", "totally", "completely", "real", "awfully", "terribly", "badly",
    "some", "much", "way", "more", "and", "also", "again", "definitely", "probably",
)  # fmt: skip
# Words that never belong to a subject noun phrase: verbs, question words, risk talk.
_STOP = _words(
    "is", "am", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "can", "cannot", "could", "will", "would", "should", "might", "may", "must", "shall", "to", "not",
    "what", "how", "why", "when", "where", "which", "who", "whom", "whose", "if", "whether", "that",
    "there", "it", "this", "cause", "causes", "caused", "make", "makes", "lead", "leads", "give",
    "gives", "get", "gets", "help", "helps", "need", "needs", "want", "wants", "take", "takes",
    "happen", "happens", "mean", "means", "know", "tell", "say", "and", "or", "but", "so", "for", "of",
    "in", "on", "with", "about", "after", "before", "from", "at", "by", "as", "than", "side",
    "effect", "effects", "risk", "risks", "sign", "signs", "symptom", "symptoms", "chance", "chances",
    "complication", "complications", "type", "types", "kind", "list", "question", "questions",
    "patients", "people", "anyone", "anybody", "everyone", "everybody", "most", "many", "normal",
    "common", "possible", "usual", "usually", "often", "sometimes", "ever", "a", "an", "the", "my",
    "his", "her", "their", "our", "your", "i", "he", "she", "they", "we", "you", "me", "him",
    "them", "us", "feel", "feels", "think", "says", "said", "worried", "afraid", "scared", "nothing",
    "nobody", "none", "no",
)  # fmt: skip
_NP_WORD = rf"(?!{_STOP}\b)[a-z0-9]+"
# A subject: a pronoun, or a determiner and up to four words ("my husband", "my mom pump").
_SUBJECT = rf"(?:{_PRONOUN}|{_DETERMINER}(?: {_NP_WORD}){{1,4}})"
_NAME = rf"(?!{_STOP}\b)(?!{_FILLER}\b)(?!{_STATE}\b)[a-z]+"  # "john", "mom": needs a state verb
_CHAIN = rf"(?: (?:{_STATE}|{_FILLER})){{0,6}}"
_CHAIN_STATE = rf"(?: {_FILLER}){{0,2}} {_STATE}(?: (?:{_STATE}|{_FILLER})){{0,5}}"

# Signs that need a subject: "<subject> <state> <sign>".
_SIGNS: dict[str, str] = {
    "breathing": (
        r"(?:trouble|difficulty|problems?|a hard time|hard time|struggling|struggle) (?:to )?breath(?:e|ing)?"
        r"|short of breath|shortness of breath|hard to breathe?|choking|wheezing|(?:slow"
        r"|shallow) breath(?:ing|s)?"
        r"|breathing (?:(?:very|really|so|too|kind of|a bit) )?(?:slow|slowly|shallow|funny|strange"
        r"|weird|hard|heavy|fast)"
        r"|(?<!stomach )(?<!stomach is )(?<!belly is )(?<!tummy is )gurgling|rattling"
        r"|(?:cannot|could not|can barely|can hardly) (?:get|catch) (?:a |his |her |my |their )?breath"
        r"|breathing (?:is )?(?:labou?red|noisy|rattly)|fighting for (?:air|breath)|huffing and puffing"
    ),
    "unconscious": (
        r"unconscious|not conscious|(?:barely|hardly|semi) (?:conscious|awake)|in and out of consciousness"
        r"|(?:passing|blacking) out|fainting|collapsing|dying|knocked out|not answering"
        r"|(?:will not|would not|does not|cannot) respond|talking gibberish|seeing things"
        r"|not (?:him|her|my|them)sel(?:f|ves)"
        r"|in (?:big |real |serious )?(?:trouble|danger|distress)"
        r"|(?:really |very |seriously |badly |terribly )?wrong with"
        r" (?:him|her|them|me|us|my|his|the|\w+ma|\w+pa|mom|dad)\b"
        r"|out cold|out of it|not making (?:any )?sense|delirious|disoriented"
        r"|hallucinating|confusion|not acting (?:right|like (?:him|her|my|them)sel(?:f|ves))|(?:does"
        r"|do) not recognize|(?:(?:does|do) not know|not knowing) (?:(?:where|who) (?:he|she|i|they|we|you)"
        r" (?:is|am|are|live|lives)|what (?:day|year|month|time) it is|what is (?:going on|happening))"
        r"|talking nonsense"
        r"|acting (?:strange|strangely|weird|funny|crazy|different|out of character)"
        r"|confused(?! (?:about|by|with|on|as to|what|how|why|which|whether|if|can|could|please|repeat|say))"
        r"|out of (?:his|her|my|their) (?:mind|head)|losing (?:his|her|my|their) mind|incoherent|babbling"
        r"|raving|(?:very|really|so|super) agitated|combative|zoned out|glassy eyed|glazed over"
        r"|staring (?:blankly|into space|at nothing)|not with it|(?:does|do) not know (?:me|us)"
    ),
    "seizure": r"(?:a|another) (?:seizure|convulsion|fit)|convulsions|shaking (?:all over|uncontrollably)"
    r"|(?:shaking|jerking|twitching|seizing) (?:nonstop|non stop)"
    r"|still (?:jerking|shaking|seizing|convulsing)"
    r"|eyes (?:are )?(?:rolled|rolling|rolls)(?: back)?"
    r"|(?:shaking|jerking|twitching|trembling|convulsing|seizing)"
    r"(?: and| so (?:bad|hard|much))?(?: \w+){0,2}?"
    r" (?:(?:will not|would not|cannot|could not|does not) stop|(?:cannot|could not|can barely) (?:talk|speak"
    r"|breathe|respond))"
    r"|(?:jerking|twitching) (?:all over|uncontrollably)"
    r"|(?:stiffening|stiffened) (?:up )?and (?:jerking|shaking|twitching)|(?:jerking|shaking) and stiffening"
    r"|(?:clenching|clenched) (?:his|her|my|their) (?:jaw|teeth)|(?:biting|bit) (?:his|her|my|their) tongue",
    "chest": r"chest pains?|pains? in (?:my|his|her|their|the) chest|(?:a )?heart attack|racing heart"
    r"|pounding heart|sweating (?:a lot|heavily|buckets|profusely|really bad)"
    r"|(?:drenched|soaked) in sweat|a cold sweat"
    r"|palpitations|clammy|(?:sweaty|sweating) and (?:pale|grey|gray|shaky|shaking)"
    r"|pale and (?:sweaty|clammy)",
    "stroke": r"talking funny|(?:suddenly|all of a sudden) (?:cannot|could not) (?:talk|speak)"
    r"|(?:weak|numb|drooping) on one side|slurred speech|slurring(?: (?:my|his|her|their) words)?"
    r"|cannot (?:lift|raise|move) (?:(?:my|his|her"
    r"|their|one|an|the) )?arm"
    r"|(?:cannot|could not) (?:smile|talk straight|find (?:my|his|her|the) words"
    r"|get (?:my|his|her|the) words out)"
    r"|drooping on one side|(?:weak|numb|dead|heavy) (?:arm|leg|hand) on one side"
    r"|(?:suddenly|all of a sudden) (?:slurring|blind|cannot see)"
    r"|(?:lost|losing) (?:my|his|her|their) (?:vision|sight)",
    "fever": r"(?:(?:a|high|really|very|bad|raging|huge) )*fever|a (?:high )?temperature|high temperature"
    r"|burning up|running a (?:high )?(?:fever|temperature)|feverish|(?:very|really|so|super) hot"
    r"|spiking (?:a )?(?:high )?(?:fever|temperature)|hot to the touch|roasting|on fire|boiling hot"
    r"|shivering and (?:hot|burning)|(?:chills|shaking) and (?:a )?fever|fever and chills",
    "meningitis": r"(?:a )?stiff neck|neck stiffness"
    r"|(?:cannot|could not) (?:bend|move) (?:(?:my|his|her|their) )?neck"
    r"|(?:a )?headache (?:that )?(?:will not|would not|does not|is not going to|never) (?:go away|stop|quit)"
    r"|(?:(?:a|the|really|very|so) )*(?:severe|terrible|horrible|awful|bad|pounding|splitting|excruciating"
    r"|worst|sudden|massive|killer) headache"
    r"|(?:cannot|could not) stand (?:the )?light"
    r"|(?:light|the light) (?:hurts|is hurting) (?:my|his|her|their) eyes",
    "dizzy": r"dizzy|dizziness|lightheaded|light headed|woozy|faint|vertigo|the spins",
    "drowsy": r"drowsy|(?:cannot|could not) keep (?:him|her|them|me) awake"
    r"|(?:very|so|really|extremely|super|too|abnormally|unusually) sleepy|groggy"
    r"|(?:cannot|could not|can barely) stay awake|(?:cannot|could not|can barely) keep (?:(?:my|his|her"
    r"|their) )?eyes open"
    r"|falling asleep|nodding off|dozing off|hard to wake(?: up)?"
    r"|lethargic|zonked|(?:so|very|really|super|extremely) (?:sluggish|dopey|drugged)|(?:acting|like) drunk",
    "floppy": r"floppy|(?<!\ba )limp|weak all over|weaker|weak everywhere|like a rag doll|loose all over"
    r"|(?:cannot|could not) (?:hold|keep|lift) (?:(?:my|his|her|their) )?head(?: up)?"
    r"|like (?:a )?(?:wet )?noodle|like jelly|(?:gone|went|going) (?:slack|soft|loose)|weak as a kitten"
    r"|(?:so|too|really|very) weak (?:that )?(?:i|he|she|they) (?:cannot|can barely|could not)",
    "rigid": r"rigid|rock hard"
    r"|(?:cannot|could not) (?:bend|straighten) (?:(?:my|his|her|their) )?(?:legs|arms)"
    r"|so (?:stiff|tight) (?:i|he|she|they) (?:cannot|can barely) move"
    r"|(?:stiff|tight) and (?:cannot|could not) move|stiff as a board|locked up"
    r"|stiff all over|frozen stiff"
    r"|(?:suddenly|all of a sudden) (?:(?:really|very|so|super) )?(?:stiff|tight|stiffer|tighter)"
    r"|(?:really|very|so|super|extremely|incredibly|terribly|way too|crazy) (?:stiff|tight)"
    r"|stiff as a (?:rock|plank|statue|log)|(?:stiffening|seizing|locking|tensing|clenching) up|tensed up"
    r"|tight all over|(?:stiff|tight) and (?:hot|confused|feverish|burning up|itchy|sweaty|shaking)"
    r"|(?:stiffer|tighter) (?:and (?:stiffer|tighter)|than ever|by the (?:minute|hour))"
    r"|(?:stiff|tight|spastic|spasming|cramping)(?: \w+){0,3}? (?:turn|crank|bump|raise|increase|up)"
    r" (?:up )?(?:the |his |her |my |our )?(?:pump|dose|rate|baclofen|medicine)",
    "itching": r"itching|itchy|(?:an )?itch all over|scratching (?:all over|like crazy|nonstop|non stop)"
    r"|skin (?:is )?crawling",
    "tingling": r"tingling|tingly|pins and needles|numb|numbness|paralyzed|paralysed"
    r"|(?:cannot|could not) (?:move|feel) (?:(?:my|his|her|their|the|your) )?(?:legs?|feet|foot|toes"
    r"|lower body|body|arms|anything|them)"
    r"|suddenly (?:cannot|could not) (?:walk|stand|move)|(?:cannot|could not) (?:walk"
    r"|stand) (?:suddenly|all of a sudden)",
    "withdrawal": r"in (?:baclofen )?withdrawal|going through (?:baclofen )?withdrawal"
    r"|having (?:baclofen )?withdrawal"
    r"|withdrawing",
    "vomiting": r"throwing up|vomiting|puking|being sick|retching|dry heaving",
    "spasticity": r"(?:spasming|spasms|cramping)(?: \w+){0,3} (?:will not|would not|does not|cannot) stop",
    "bleeding": r"bleeding|losing blood|gushing|spurting|pouring blood",
    "infection": r"infected|an infection|pus|festering|red streaks",
    "fluid_leak": r"(?:leaking|wet with|oozing|draining|dripping|seeping|trickling)"
    r" (?:clear )?(?:fluid|liquid)",
    "pump": r"(?:missed|forgot|skipped) (?:(?:my|his|her|their|our|the|a|an) )?(?:pump )?refill"
    r"|(?:overdue|late) for (?:(?:my|his|her|their|our|the|a|an) )?(?:pump )?refill"
    r"|(?:ran|run|running) out of (?:baclofen|medicine|medication|meds)"
    r"|out of (?:baclofen|medicine|medication|meds)",
}
# Signs that carry their own subject noun: "<noun> <state> <bad state>".
_BODY = {
    "chest_pressure": (r"pressure|tightness|a weight", r"(?:on|in) (?:my|his|her|their|the) chest"),
    "chest": (r"chest", r"killing me|hurts|hurting|tight|tightness|pressure|pain|heavy|aching"),
    "heart": (
        r"heart|heart rate|pulse",
        r"going a mile a minute|racing|pounding|beating (?:(?:really|very|so|super|too) )?(?:fast|hard)"
        r"|fast|going crazy"
        r"|through the roof",
    ),
    "stroke": (
        r"face|mouth|smile",
        r"drooping|droopy|numb|crooked|lopsided|not moving|(?:will not|would not|does not) move",
    ),
    "speech": (r"speech|words|voice", r"slurred|slurring"),
    "breathing": (
        r"breathing|breaths?",
        r"slow|slower|shallow|weak|labored|laboured|funny|strange|weird|irregular|noisy|rattling",
    ),
    "legs": (
        r"legs?|feet|foot|lower body|arms? and legs",
        r"numb|weak|weaker|dead|limp|floppy|gave out|stopped working|quit working|giving out|gave way"
        r"|paralyzed|paralysed|tingling|tingly"
        r"|pins and needles|not moving|will not move|spasming(?: \w+){0,3} (?:will not|would not"
        r"|does not|cannot) stop|buckled|(?:will not|do not|does not) work|not working|went to jelly",
    ),
    "muscles": (
        r"arms?|body|whole body|muscles|neck",
        r"floppy|limp|rigid|stiff as a board|locked(?: up)?|tingling|numb|stiff|locking(?: up)?|seizing up"
        r"|tensing up|clenching|clenched|rock solid|like (?:a )?(?:rock|board|jelly)",
    ),
    "spasticity": (
        r"spasticity|spasms?|stiffness|tightness|tone|cramps|cramping",
        r"back|coming back|came back|returning|returned|worse|getting worse|out of control|bad again"
        r"|(?:will not|would not|does not|cannot) stop"
        r"|strong|stronger|with a vengeance|full force|all at once|violent|worse than ever|like crazy"
        r"|nonstop|non stop",
    ),
    "blood_pressure": (
        r"blood pressure|bp",
        r"low|dropping|dropped|falling|fell|crashing|crashed|tanking",
    ),
    "wound": (
        r"incision|incisions|wound|cut|scar|stitches|staples|pump site|incision site|catheter site|site",
        r"leaking|oozing|draining|dripping|weeping|wet|open|opened|red|hot|swollen|puffy|bleeding|infected"
        r"|pus|coming apart|split|came open|come open|split open|opened up"
        r"|popped(?: open)?|burst(?: open)?|gushing|pouring|spurting|gaping|wide open|smells|stinks"
        r"|warm|inflamed|festering|angry|streaky|(?:yellow|green) (?:stuff|gunk|goo)|seeping|crusty",
    ),
    "fluid": (
        r"fluid|clear fluid|liquid|water|pus|clear stuff|yellow stuff|green stuff",
        r"leaking|coming out|oozing|draining|dripping|seeping|pouring|trickling|running out|soaking",
    ),
    "temperature": (
        r"temperature|temp",
        r"high|very high|a hundred|hundred|over a hundred|through the roof|up",
    ),
    "dizzy": (r"room|everything|head", r"spinning"),
    "headache": (r"head", r"pounding|splitting|exploding|throbbing|killing (?:me|him|her|them)"),
    "back": (r"back", r"wet|soaked|leaking|dripping"),
    "skin": (r"skin", r"itchy|itching|burning up|hot|crawling|on fire"),
    "pump": (
        r"pump|alarm|pump alarm|pumps alarm",
        r"(?:will not|would not|does not|cannot|keeps|keep) (?:stop )?(?:beeping|alarming|going off)"
        r"|beeping|beeps|beeped|alarming|alarmed|going off|goes off|went off|sounding|chirping"
        r"|ringing|buzzing"
        r"|making (?:\w+ ){0,3}(?:noise|sound|noises|sounds)|empty|stopped|quit|died|dead|broken|broke"
        r"|(?:will not|would not) stop|out of (?:medicine|baclofen|medication|meds)"
        r"|not working|failed|failing|ran out|run out|running out|ran dry|run dry|running dry"
        r"|running low|low"
        r"|screaming|shrieking|squealing|whining|wailing|chiming|dinging|going crazy|going nuts|flashing"
        r"|vibrating|making a racket|acting up|malfunctioning"
        r"|flipped(?: over)?|sticking out|poking out|popped out|turned over",
    ),
    "refill": (r"refill|refill appointment", r"missed|skipped|forgotten|overdue|late|past due"),
    "device": (
        r"something|problem|problems|issue|trouble|wrong",
        r"(?:wrong )?with (?:(?:my|his|her|their|the|our) )?(?:\w+ )?(?:pump|catheter)",
    ),
    "catheter": (
        r"catheter|tube|tubing",
        r"kinked|broken|broke|cracked|disconnected|came out|come out|pulled out|blocked|leaking|moved|damaged"
        r"|came apart|come apart|coming apart|fell apart|came loose|come loose|snapped|split|came undone"
        r"|problems?|fell out|slipped out|pulled|yanked out|pinched|clogged|severed|torn|tore",
    ),
}
# "the cut from the surgery is all red": a short phrase naming where or which, then the state.
_BODY_FILLER = (
    r"(?: (?:from|of|on|in|at|near|by) (?:(?:the|my|his|her|their|your) )?[a-z]+)?"
    rf"(?: (?:{_STATE}|{_FILLER})){{0,4}}"
)

_ALWAYS: tuple[tuple[str, str, str], ...] = (
    (
        CRISIS,
        "suicide",
        r"suicid\w*|kill(?:ing)? (?:my|him|her|them|your|our)sel(?:f|ves)"
        r"|end(?:ing)? (?:my|his|her|their) (?:own )?life|end(?:ing)? it all"
        r"|take (?:my|his|her|their) (?:own )?life"
        r"|wants? to die|want to be dead|better off dead|(?:does|do) not want to (?:live|be alive|be here)"
        r"|(?:hurt|harm|cut)(?:ing)? (?:my|him|her|them)sel(?:f|ves)|self harm|no reason to live|988"
        r"|(?:took|swallowed|taken|overdosed)(?: \w+){0,8} on purpose"
        # a whole bottle reads as intent; "too many pills" alone is an overdose (911 without 988)
        r"|(?:took|swallowed|taken|downed) (?:a |the )?(?:whole|full|entire) (?:bottle|box|pack|packet)"
        r"|(?:going to|want to|wants to|thinking about|talking about|trying to) (?:end|ending) (?:it|things"
        r"|everything)|(?:cannot|can not) go on (?:like this|anymore|living)"
        r"|no point (?:in )?living|not worth living|wish(?:es)? (?:i|he|she|they) (?:was|were) dead"
        r"|(?:hang|hanging|shoot|shooting) (?:my|him|her)self",
    ),
    (
        EMERGENCY,
        "explicit",
        r"emergency|emergencies|911|ambulance|paramedics?|urgent|urgently|life or death"
        r"|help (?:me|him|her|us|them|my \w+|grandma|grandpa|mom|dad) (?:right )?now"
        r"|need help (?:right )?now|need help fast"
        r"|help (?:me )?quick|(?:somebody|someone|anybody|anyone) help|help help|get help (?:right )?now"
        r"|call for help|send help|(?:am|is|are) dying|having a stroke"
        r"|life threatening|hurry up|please hurry|hurry please"
        r"|(?:need|get|send) (?:me |him |her |us )?(?:a )?(?:doctor|medic|nurse) (?:right now|now|fast|quick"
        r"|immediately|asap)"
        r"|(?:something )?(?:bad|terrible|awful|wrong) is happening to",
    ),
    (
        EMERGENCY,
        "breathing",
        r"not breathing|stopped breathing|(?:cannot|could not|unable to|can barely) breathe?"
        r"|(?:barely|hardly) breathing|quit breathing|gasping"
        r"|(?:cannot|could not) catch (?:my|his|her|their|a) breath|struggling for (?:air|breath)"
        r"|(?:cannot|could not) get (?:enough|any) (?:air|breath)"
        r"|(?:cannot|could not) get (?:any )?air"
        # the colour of someone short of air (not "my hair is turning grey")
        r"|(?<!hair )(?<!hair is )(?<!hair are )"
        r"(?:turning|going|gone|went|turned) (?:blue|purple|grey|gray|ashen)"
        r"|(?:lips|face|skin|fingers|fingernails|nails|mouth) (?:is |are )?"
        r"(?:turning |going |all |really |so )?(?:blue|purple|grey|gray|ashen|dusky)"
        r"|(?:gurgling|rattling|choking) (?:sounds?|noises?)|choking on",
    ),
    (
        EMERGENCY,
        "unconscious",
        r"(?:will|would) not wake(?: up)?|(?:cannot|could not) wake (?:\w+ ){0,2}?(?:up|him|her|them)\b"
        r"|(?:cannot|could not) wake(?! up\b)|not waking up|not responding|unresponsive|passed out"
        r"|blacked out|fainted|collapsed|keeled over"
        r"|found (?:him|her|them|my \w+) (?:on the floor|unconscious|passed out|not breathing)"
        r"|lost consciousness|losing consciousness|is out cold"
        r"|(?:going to|about to) (?:pass out|faint|black out|collapse)"
        r"|(?:cannot|could not) get (?:him|her|them) to (?:wake|respond)"
        r"|(?:will not|would not|cannot|could not|not) (?:come|coming) (?:round|around|to(?= *$| and| yet"
        r"| at all| now| please| help| what))"
        r"|(?:dropped|slumped|crumpled|collapsed|went down) (?:to|on|onto) the (?:floor|ground)"
        r"|slumped over|hit the (?:floor|ground)|(?:lying|laying) (?:on the floor|on the ground|lifeless)"
        r"|lifeless|(?:will not|would not|cannot|does not) open (?:my|his|her|their) eyes",
    ),
    (
        EMERGENCY,
        "seizure",
        r"having (?:a |another )?(?:seizure|convulsion|fit)s?|seizing|convulsing|had (?:a|another) seizure"
        r"|in a seizure|seizure right now|foaming at the mouth|eyes (?:are )?(?:rolling|rolled) back"
        r"|thrashing|having (?:a )?fits?"
        r"|(?:shaking|jerking|twitching|convulsing) (?:violently|uncontrollably)"
        r"|(?:twitching|jerking|shaking) and (?:(?:his|her|my|their) )?eyes (?:are )?(?:rolling|rolled)",
    ),
    (
        EMERGENCY,
        "chest",
        r"(?:clutching|grabbing|gripping|holding|clawing) (?:at )?(?:my|his|her|their|the) (?:chest|heart)"
        r"|(?:crushing|squeezing) (?:pain )?(?:in )?(?:my|his|her|their|the)? ?chest"
        r"|(?:elephant|weight) (?:sitting )?on (?:my|his|her|their) chest"
        r"|(?:pain|numb|tingling|hurts)(?: \w+){0,3} (?:down|in) (?:my|his|her|their) left arm",
    ),
    (
        EMERGENCY,
        "bleeding",
        r"(?:will not|would not|cannot|does not|not) stop(?:ping)? bleeding"
        r"|bleeding (?:will not|would not|does not|is not going to|not|cannot) stop|blood everywhere"
        r"|blood (?:is )?all over|blood (?:keeps|will not stop) (?:coming|pouring|gushing)"
        r"|bleeding (?:a lot|heavily|badly|everywhere|so much|really bad|like crazy)|(?:a )?lot of blood"
        r"|losing a lot of blood|blood (?:is )?everywhere"
        r"|blood (?:will not|would not) stop"
        r"|(?:gushing|pouring|spurting|squirting|pumping|streaming) (?:out )?blood"
        r"|blood (?:is |keeps )?(?:gushing|pouring|spurting|squirting|pumping|streaming)"
        r"|pool of blood|(?:soaked|covered|drenched) (?:in|with) blood|bleeding (?:through|out)"
        r"|hemorrhag\w*|haemorrhag\w*",
    ),
    (
        EMERGENCY,
        "fall",
        r"fell|fallen|(?:cannot|could not) get up|took a (?:bad |hard )?fall"
        r"|hit (?:(?:my|his|her|their|the) )?head|had a (?:bad |hard )?fall"
        r"|broke (?:my|his|her|their) (?:hip|leg|arm|neck|back)"
        r"|took a (?:bad |hard )?tumble|slipped and (?:hit|hurt|banged|broke)"
        r"|(?:banged|smacked|cracked|bumped) (?:my|his|her|their) head",
    ),
    (
        EMERGENCY,
        "vomiting",
        r"(?:cannot|could not|will not) stop (?:throwing up|vomiting|puking)"
        r"|(?:cannot|could not) keep anything down"
        r"|(?:throwing up|vomiting|puking) (?:nonstop|non stop|all (?:day|night|morning)|everything|blood"
        r"|for hours|over and over|and (?:cannot|will not|would not) stop)|keeps? (?:throwing up"
        r"|vomiting|puking)"
        r"|(?:throwing up|vomiting|puking|coughing up|spitting up) (?:up )?blood|projectile vomiting"
        r"|(?:cannot|could not) keep (?:food|water|fluids|liquids|anything) down"
        r"|(?:been|being) sick all (?:day|night|morning)|(?:cannot|could not|will not) stop (?:being sick"
        r"|retching|heaving|gagging)|dry heaving",
    ),
    (
        EMERGENCY,
        "overdose",
        r"(?:took|swallowed|taken) (?:a bunch of|a lot of|a handful of|all (?:of )?(?:my|his|her|their|the))"
        r" (?:pills|meds|medicine|baclofen)|overdosed|overdosing"
        r"|(?:took|taken|had|having|got|given) an overdose|gave too (?:much|many)"
        r"|(?:took|taken|got|gotten|given|gave (?:me|him|her|them)|received) too (?:much|many)",
    ),
)

# Short non-question utterances that name a sign without a subject ("chest pain", "son seizure").
_BARE = (
    r"chest pain|seizure|seizures|convulsions|fever|stiff neck|dizzy|lightheaded|light headed|drowsy|confused"
    r"|floppy|rigid|itchy|tingling|numb|paralyzed|paralysed|(?:cannot|could not) (?:move"
    r"|feel) (?:(?:my|his|her) )?legs"
    r"|pump (?:alarm|beeping|is beeping|going off)|alarm going off|missed (?:(?:my|his|her|the) )?refill"
    r"|low blood pressure|blood pressure (?:low|dropping)|too much medicine"
)

# Context that makes a REPORT match hypothetical or a general question.
_CONDITIONAL = frozenset(
    {"if", "whether", "when", "whenever", "once", "unless", "until", "suppose", "supposing", "lest", "case"}
    | {"risk", "chance", "chances", "possible", "possibility", "likely", "odds"}
)
_INVERSION = frozenset(
    {"do", "does", "did", "can", "could", "will", "would", "should", "might", "may", "must", "shall"}
    | {"to", "make", "makes", "let", "cause", "causes", "be", "ever", "usually", "sometimes", "often"}
    | {"always", "normally", "generally", "typically", "occasionally"}  # habit, not news
)
_BOUNDARY = frozenset(
    {"but", "so", "because", "please", "help", "oh", "ok", "okay", "alexa", "hey", "then", "now"}
    | {"why", "what", "how", "where", "who", "which", "think", "thinks", "says", "said", "believe"}
)
_DETERMINERS = frozenset({"my", "his", "her", "their", "our", "your", "the", "this"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "to"})
_CHRONIC_RE = re.compile(
    r"(?: \w+){0,8}? (?:for (?:(?:many|several|a few|two|three|five|ten|a couple of) )?(?:years"
    r"|months|decades)"
    r"|for (?:a )?long time|since (?:birth|childhood|(?:he|she|i|they) was|(?:his|her|my|their|the"
    r"|a) (?:accident|injury|birth|stroke|diagnosis|surgery years))"
    r"|all (?:his|her|my|their) life|from birth|born with|from the (?:waist|neck|chest) down"
    r"|years ago|ever since"
    # habit: how it usually is, not what is happening now
    r"|all the time|every (?:day|morning|evening)|most (?:days|of the time|mornings)"
    r"|in the (?:mornings|evenings)"
    r"|on and off|off and on|from time to time|at times|sometimes|usually|always|whenever|every time"
    r"|when it (?:is|gets)"
    # a candidacy question: the sign describes why they are asking about the therapy
    r"|(?:can|could|would|will|might|does|do|is) (?:the |a |an |this |that )?(?:pump|therapy|treatment|itb"
    r"|baclofen pump|surgery) (?:help|work|fix|loosen|let|be|make|improve|stop|ease|relax)"
    r"|(?:is|are|would|could|will) (?:he|she|i|they|it|this|the pump) (?:be )?(?:a )?(?:good )?(?:candidate"
    r"|right for|an option|worth it|eligible)"
    r"|(?:would|could|can|will) (?:he|she|i|they) (?:qualify|benefit)"
    # the operation itself: what the surgeons see and do, not what is happening at home
    r"|during (?:the |a |an )?(?:surgery|operation|procedure|implant))\b"
)
_QUESTION_START = frozenset(
    {"can", "could", "will", "would", "does", "do", "did", "is", "are", "am", "was", "were", "what", "how"}
    | {"why", "when", "where", "which", "who", "should", "shall", "may", "might", "tell", "explain"}
    | {"describe", "any", "list", "define", "whats"}
)
_QUESTION_WORDS_RE = re.compile(
    r"\b(?:side effects?|risks?|normal|common|possible|chance|cause|causes|signs?|symptoms?|complications?"
    r"|if|question|about|mean|means|what|how|why)\b"
)


def _compile_always():
    return tuple((kind, reason, re.compile(rf"\b(?:{pattern})\b")) for kind, reason, pattern in _ALWAYS)


def _compile_report():
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


def _compile_body():
    return re.compile(rf"\b(?:{_DETERMINER} (?:{_NP_WORD} ){{0,2}})?{_bodies()}\b")


def _compile_bare():
    return re.compile(rf"\b(?:{_BARE}|{'|'.join(_SIGNS.values())}|{_bodies()})\b")


_ALWAYS_RULES = _compile_always()


@cache
def _deep_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(REPORT, BODY, BARE): compiled when a screening first gets past the ALWAYS rules.

    Most of the patterns' text (about 18,000 characters, ~15 ms to compile): a launch screens nothing,
    and an emergency said outright ("he's not breathing") is answered by the ALWAYS rules alone.
    """
    return _compile_report(), _compile_body(), _compile_bare()


def prepare() -> None:
    """Compile every screening pattern now (for an environment initialized ahead of its requests)."""
    _deep_rules()


def __getattr__(name: str):
    """``safety._REPORT_RE``, ``_BODY_RE`` and ``_BARE_RE`` for tools and tests, compiled on first use."""
    rules = {"_REPORT_RE": 0, "_BODY_RE": 1, "_BARE_RE": 2}
    if name in rules:
        return _deep_rules()[rules[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
_ARTICLE_RE = re.compile(r"^(?:the|a|an|about|some) ")


# A fear of what might come ("afraid of being paralyzed", "worried about him getting an infection").
_FEARED_RE = re.compile(
    r"\b(?:afraid|scared|worried|fearful|frightened|terrified|nervous|concerned|fear) (?:of|about)"
    r"(?: \w+)? (?:being|getting|becoming|going|having|ending up)(?: \w+)?$"
)


def _hypothetical(text: str, start: int, end: int) -> bool:
    """True when the clause around ``text[start:end]`` asks or supposes rather than reports."""
    if _FEARED_RE.search(text[:start].rstrip()):
        return True
    before = text[:start].split()
    while before and before[-1] in _DETERMINERS:  # "why would my legs feel numb": the match began at "legs"
        before = before[:-1]
    if before:
        previous = before[-1]
        if previous in _INVERSION and not (
            previous == "do" and len(before) > 1 and before[-2] in _SUBJECT_PRONOUNS
        ):
            return True
    for index, word in enumerate(reversed(before[-10:])):
        if word in _BOUNDARY:
            break
        if word == "do" and index + 1 < len(before) and before[-index - 2] in _SUBJECT_PRONOUNS:
            break  # "what should I do, he ..." : "do" is the verb, the report starts after it
        if word in _CONDITIONAL:
            return True
    return bool(_CHRONIC_RE.match(text, end))


def _reports(pattern: re.Pattern, text: str) -> str | None:
    """The sign of the first match of ``pattern`` that is a report, not a hypothesis."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return None
        if not _hypothetical(text, match.start(), match.end()):
            return match.lastgroup
        position = match.start() + 1


def _bare(text: str) -> bool:
    """A sign named on its own, without a subject: counted unless the clause is hypothetical."""
    position = 0
    while True:
        match = _deep_rules()[2].search(text, position)
        if match is None:
            return False
        if not _hypothetical(text, match.start(), match.end()):
            return True
        position = match.start() + 1


def _is_question(raw: str, text: str) -> bool:
    words = text.split()
    return (
        "?" in raw
        or not words
        or (words[0] in _QUESTION_START and not (len(words) > 1 and words[1] == "not"))
        or bool(_QUESTION_WORDS_RE.search(text))
    )


def _screen(raw: str) -> Danger | None:
    text = normalize(raw)
    if not text:
        return None
    for kind, reason, pattern in _ALWAYS_RULES:
        if pattern.search(text):
            return Danger(kind, reason)
    report_re, body_re, _ = _deep_rules()
    reason = _reports(report_re, text) or _reports(body_re, text)
    if reason is not None:
        return Danger(EMERGENCY, reason)
    if (
        len(text.split()) <= 8
        and _ARTICLE_RE.sub("", text) not in _TOPIC_NAMES
        and not _is_question(raw, text)
        and _bare(text)
    ):
        return Danger(EMERGENCY, "bare")
    return None


def screen(text: str | None) -> Danger | None:
    """Return the danger ``text`` reports, or None. Pure, bounded, and never raises."""
    if not text or not isinstance(text, str):
        return None
    try:
        return _screen(text[:MAX_INPUT])
    except Exception:  # a screening bug must not break the request; the model layer still routes
        return None


# The subject put back in front of a clause whose own subject was a carrier phrase of the sample.
REPORT_SUBJECT = "the person"


def screen_report(text: str | None) -> Danger | None:
    """Screen the words said after a subject or an interjection ("my ...", "he's ...", "please ...").

    The report intent's carrier phrase is not in its slot, so "he's {report}" sends "not breathing"
    and "the {report}" sends "catheter came apart": the clause is screened as it is and with a
    neutral subject put back, so the subject-and-sign rules can read it. Pure, like ``screen``.
    """
    if not text or not isinstance(text, str):
        return None
    return screen(text) or screen(f"{REPORT_SUBJECT} {text}")
