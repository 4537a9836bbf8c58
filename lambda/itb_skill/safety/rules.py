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

from itb_skill.safety.responses import CRISIS, EMERGENCY
from itb_skill.safety.text import lazy_pattern, normalize

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
    "some", "much", "way", "more", "and", "also", "again", "definitely", "probably", "this", "that",
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
    "nobody", "none", "no", "never",
)  # fmt: skip
_NP_WORD = rf"(?!{_STOP}\b)[a-z0-9]+"
# A subject: a pronoun, or a determiner and up to four words ("my husband", "my mom pump").
_SUBJECT = rf"(?:{_PRONOUN}|{_DETERMINER}(?: {_NP_WORD}){{1,4}})"
_NAME = rf"(?!{_STOP}\b)(?!{_FILLER}\b)(?!{_STATE}\b)[a-z]+"  # "john", "mom": needs a state verb
_CHAIN = rf"(?: (?:{_STATE}|{_FILLER})){{0,6}}"
_CHAIN_STATE = rf"(?: {_FILLER}){{0,2}} {_STATE}(?: (?:{_STATE}|{_FILLER})){{0,5}}"

# Signs that need a subject: "<subject> <state> <sign>".
# "Dying" as an idiom of wanting ("dying to know who won") is not a sign.
_DYING = r"dying(?! to (?:know|see|hear|try|get|find|meet|go|ask|tell|have|watch|read))"
_SIGNS: dict[str, str] = {
    "breathing": (
        r"suffocating|forgets? to breathe|(?:big )?gasps and then nothing|(?:little|tiny|shallow) (?:tiny )?breaths"
        r"|(?:only )?breathing (?:like )?(?:once|twice|\w+ times) (?:every|a|per) (?:\w+ )?(?:seconds?|minutes?)"
        r"|breath(?:ing|es|s)? (?:are |is )?(?:really |so |very )?far apart|breathing (?:like )?\w+ times a minute"
        r"|(?:trouble|difficulty|problems?|a hard time|hard time|struggling|struggle) (?:to )?breath(?:e|ing)?"
        r"|short of breath|shortness of breath|hard to breathe?|choking|wheezing|(?:slow"
        r"|shallow) breath(?:ing|s)?"
        r"|breathing (?:(?:very|really|so|too|kind of|a bit) )?(?:slow|slowly|shallow|funny|strange"
        r"|weird|hard|heavy|fast)"
        r"|(?<!stomach )(?<!stomach is )(?<!belly is )(?<!tummy is )gurgling|rattling"
        r"|(?:cannot|could not|can barely|can hardly) (?:get|catch) (?:a |his |her |my |their )?breath"
        r"|breathing (?:is )?(?:labou?red|noisy|rattly)|(?:fighting|struggling|gasping) for (?:air|breath|every breath)|huffing and puffing"
    ),
    "unconscious": (
        r"unconscious|not conscious|(?:barely|hardly|semi) (?:conscious|awake)|in and out of consciousness"
        r"|(?:passing|blacking) out|fainting|collapsing|" + _DYING + r"|knocked out|not answering"
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
        r"|(?:cannot|could not|will not|would not) (?:rouse|arouse) (?:him|her|them)?|(?:does|do|did) not react"
        r"|not moving(?! (?:in|into|to|out|away|house|home|back|forward|on|much|well|around|along|fast))"
        r"|in (?:such a )?deep sleep (?:that|and)|(?:will not|would not|does not|cannot) answer(?: me)?"
        r"|(?:pinching|shaking|shouting at|calling|slapping) (?:her|him|them)(?: \w+){0,2} (?:does not|did not)"
        r" (?:do anything|wake|work|help)"
        r"|in a coma|(?:went|gone|going) into a coma|(?:is )?not okay (?:and )?(?:she|he) (?:will not|would not)"
        r" (?:answer|respond|wake)|(?:stopped|not) moving at all"
    ),
    "seizure": r"(?:a|another) (?:seizure|convulsion|fit)|convulsions|shaking (?:all over|uncontrollably)"
    r"|having another one|eyes (?:are )?stuck (?:to|on) one side|(?:stiff|stiffening) and jerking"
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
    r"|one side of (?:his|her|my|their) face (?:has )?(?:dropped|drooped|fallen|is drooping|went numb)"
    r"|(?:left|right|one) side (?:of (?:his|her|my|their) (?:body|face) )?(?:is |went |has gone |gone )?"
    r"(?:weak|numb|dead|limp|droopy|drooping)"
    r"|(?:weak|numb|drooping) on one side|slurred speech|slurring(?: (?:my|his|her|their) words)?"
    r"|cannot (?:lift|raise|move) (?:(?:my|his|her"
    r"|their|one|an|the) )?arm"
    r"|(?:cannot|could not) (?:smile|talk straight|find (?:my|his|her|the) words"
    r"|get (?:my|his|her|the) words out)"
    r"|drooping on one side|(?:weak|numb|dead|heavy) (?:arm|leg|hand) on one side"
    r"|(?:suddenly|all of a sudden) (?:slurring|blind|cannot see)"
    r"|(?:lost|losing) (?:my|his|her|their) (?:vision|sight)",
    "fever": r"(?:(?:a|high|really|very|bad|raging|huge) )*(?<!hay )fever|a (?:high )?temperature|high temperature"
    r"|burning up|running a (?:high )?(?:fever|temperature)|feverish|(?:very|really|so|super|this|that) hot"
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
    "rigid": r"rigid|rock hard|(?:gone|went|going|turned) (?:stiff|rigid)"
    r"|(?:cannot|could not) (?:bend|straighten) (?:(?:my|his|her|their) )?(?:legs|arms)"
    r"|so (?:stiff|tight) (?:i|he|she|they) (?:cannot|can barely) move"
    r"|(?:stiff|tight) and (?:cannot|could not) move|stiff as a board|locked up"
    r"|stiff all over|frozen stiff"
    r"|(?:suddenly|all of a sudden) (?:(?:really|very|so|super) )?(?:stiff|tight|stiffer|tighter)"
    r"|(?:really|very|so|super|extremely|incredibly|terribly|way too|crazy|this|that) (?:stiff|tight)"
    r"|stiff as a (?:rock|plank|statue|log)|(?:stiffening|seizing|locking|tensing|clenching) up|tensed up"
    r"|tight all over|(?:stiff|tight) and (?:hot|confused|feverish|burning up|itchy|sweaty|shaking)"
    r"|(?:stiffer|tighter) (?:and (?:stiffer|tighter)|than ever|by the (?:minute|hour))"
    r"|(?:stiff|tight|spastic|spasming|cramping)(?: \w+){0,3}? (?:turn|crank|bump|raise|increase|up)"
    r" (?:up )?(?:the |his |her |my |our )?(?:pump|dose|rate|baclofen|medicine)",
    "itching": r"itching|itchy|(?:an )?itch all over|scratching (?:all over|like crazy|nonstop|non stop)"
    r"|skin (?:is )?crawling",
    "tingling": r"tingling|tingly|pins and needles|numb(?! (?:you|him|her|me|them|it|the|my|your|his))|numbness"
    r"|paralyzed|paralysed"
    r"|(?:cannot|could not) (?:move|feel) (?:(?:my|his|her|their|the|your) )?(?:legs?|feet|foot|toes"
    r"|lower body|body|arms|anything|them)"
    r"|suddenly (?:cannot|could not) (?:walk|stand|move)|(?:cannot|could not) (?:walk"
    r"|stand) (?:suddenly|all of a sudden)",
    "reaction": r"(?:an? )?(?:bad |severe |serious |really bad )?(?:allergic reaction|reaction to)"
    r"|covered in (?:welts|hives)|(?:face|lips|tongue) (?:blew|puffed|swelled) up"
    r"|anaphyla\w*|(?:breaking|broken|broke) out in hives|covered in hives",
    "ingestion": r"(?:took|taken|had|got|gotten|given|gave (?:me|him|her|them)|received) (?:a )?(?:double|extra"
    r"|second|triple) dos(?:e|es)|double dos(?:ed|ing)|(?:took|taken|had) (?:twice|two times|three times)"
    r" (?:my|his|her|their|the) (?:dose|pills|medicine)"
    r"|(?:drank|swallowed|ate|got into) (?:something|stuff|some \w+) (?:from )?under the sink"
    r"|(?:took|taken|had|swallowed)(?: \w+){0,4} instead of (?:one|two|my|his|her|the usual)"
    r"|(?:swallowed|ate|eaten|got into|chewed|drank)(?: \w+){0,8}? (?:pills|tablets|meds|medicine|medication"
    r"|medications|baclofen|gummies|bottle|relaxers|relaxants|painkillers|pain killers)"
    # found with the emptied container: "my four year old with an empty packet of muscle relaxants"
    r"|(?:with|holding|clutching) (?:an? |the |his |her |my |their )?(?:empty|emptied|opened|open|half empty)"
    r"(?: \w+)? (?:packet|bottle|box|pack|blister pack|blister|jar|tub|strip|container|pot|sachet)s? of(?: \w+){0,3}?"
    r" (?:pills|tablets|meds|medicine|medication|relaxants|painkillers|pain killers|baclofen|paracetamol"
    r"|tylenol|ibuprofen|aspirin|vitamins|gummies|sleeping pills)"
    # poisoning: household chemicals, batteries, patches
    r"|(?:drank|drunk|swallowed|ate|chewed|bit into|got into|sucked on|licked)(?: \w+){0,4}? (?:bleach|antifreeze"
    r"|poison|cleaner|cleaning (?:fluid|stuff|product)|detergent|(?:dishwasher|laundry|tide) pods?|button batter(?:y|ies)"
    r"|batteries|battery|magnets?|(?:fentanyl|pain|nicotine) patch|lamp oil|lighter fluid|weed killer"
    r"|rat poison|drain cleaner|window cleaner|paint thinner|gasoline)",
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
        r"|through the roof|going like (?:the clappers|a train|the hammers|mad)",
    ),
    "stroke": (
        r"face|mouth|smile",
        r"drooping|droopy|numb|crooked|lopsided|not moving|(?:will not|would not|does not) move",
    ),
    "speech": (r"speech|words|voice", r"slurred|slurring"),
    "reaction": (
        r"throat|tongue|lips|face|mouth|eyelids|eyes",
        r"closing(?: up)?|swelling(?: up)?|swollen|puffy|puffing up|blowing up|tight and (?:swelling|swollen)",
    ),
    "spreading": (
        r"weakness|numbness|tingling|floppiness|paralysis",
        r"(?:moving|spreading|going|climbing|creeping|rising|travell?ing|working its way) up|spreading",
    ),
    "breathing": (
        r"breathing|breaths?",
        r"slow|slower|shallow|weak|labored|laboured|funny|strange|weird|irregular|noisy|rattling"
        r"|stops|stopping|keeps stopping|pauses|pausing",
    ),
    "legs": (
        r"legs?|feet|foot|lower body|arms? and legs|both legs",
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
    "tongue": (r"tongue", r"huge|thick|swollen|swelling|feels thick"),
    "eyes": (r"eyes", r"stuck (?:to|on) one side|rolled back|rolling back|fixed to one side|deviated"),
    "vision": (r"vision|sight", r"going (?:dark|black|grey|gray|dim)|went (?:dark|black)|blacking out"),
    "wound": (
        r"incision|incisions|wound|cut|scar|stitches|staples|pump site|incision site|catheter site|site",
        r"leaking|oozing|draining|dripping|weeping|wet|open|opened|red|hot|swollen|puffy|bleeding|infected"
        r"|pus|coming apart|split|came open|come open|split open|opened up"
        r"|popped(?: open)?|burst(?: open)?|gushing|pouring|spurting|gaping|wide open|smells|stinks"
        r"|warm|inflamed|festering|angry|streaky|(?:yellow|green) (?:stuff|gunk|goo)|seeping|crusty"
        r"|came apart|purulent|bright red|dark and swollen",
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

# A call for help and nothing else ("somebody help us", "please help", "mayday").
_PLEA = (
    r"(?:(?:oh my god|oh god|oh no|god|please|somebody|someone|anybody|anyone|quick|hurry|now|right now)"
    r" )*(?:help|mayday|sos)(?: (?:me|us|him|her|them|my \w+|please|now|right now|quick|quickly|fast"
    r"|somebody|someone|anybody|anyone|it is bad|help|mayday))*"
    r"|(?:please )?(?:somebody|someone|anybody|anyone)(?: please)?"
)
_PLEA_RE = lazy_pattern(rf"(?:{_PLEA})")

# A means of ending a life at hand, and a last word: neither alone is a crisis ("does he have a knife
# for the tape", "I'm done with my questions"), both in one utterance are.
_MEANS = (
    r"\b(?:gun|rifle|pistol|shotgun|rope|noose|knife|razor|blade|bridge|ledge|cliff|roof|railway|train tracks"
    r"|all (?:of )?(?:my|his|her|the|these|those) (?:pills|tablets|meds|medicine|baclofen)|whole bottle)\b"
)
_FAREWELL = (
    r"\b(?:(?:i am|he is|she is|am) (?:done|finished|ready)\b(?! (?:with (?:my|the|our|these|those) questions?"
    r"|for (?:the|my|our) (?:day|night|appointment)))|good ?bye|end (?:it|this|things|everything)"
    r"|so (?:i|he|she) (?:can |will )?die|for good|tonight is the night|never wake up|that is it|(?:today|this)"
    r" is the day|(?:i|i have|he has|she has) decided)"
)

_ALWAYS: tuple[tuple[str, str, str], ...] = (
    (
        CRISIS,
        "suicide",
        r"suicid\w*|kill(?:ing)? (?:my|him|her|them|your|our)sel(?:f|ves)"
        r"|end(?:ing)? (?:my|his|her|their) (?:own )?life|end(?:ing)? it all"
        r"|take (?:my|his|her|their) (?:own )?life"
        r"|wants? to die|want to be dead|better off dead|(?:does|do) not want to (?:live|be alive|be here)"
        r"|(?<!not )(?<!never )(?:hurt|harm|cut)(?:ing)? (?:my|him|her|them)sel(?:f|ves)|self harm|no reason to live|988"
        r"|(?:cut|slit|slashed|cutting|slitting) (?:my|his|her|their) wrists?"
        r"|(?:took|swallowed|taken|overdosed)(?: \w+){0,8} on purpose"
        # a whole bottle reads as intent; "too many pills" alone is an overdose (911 without 988)
        r"|(?:took|swallowed|taken|downed) (?:a |the )?(?:whole|full|entire) (?:bottle|box|pack|packet)"
        r"|(?:going to|want to|wants to|thinking about|talking about|trying to) (?:end|ending) (?:it|things"
        r"|everything)|(?:cannot|can not) go on (?:like this|anymore|living)"
        r"|no point (?:in )?living|not worth living|wish(?:es)? (?:i|he|she|they) (?:was|were) dead"
        r"|(?:hang|hanging|shoot|shooting) (?:my|him|her)self",
    ),
    (
        CRISIS,
        "hopelessness_or_plan",
        # hopelessness said without the usual words, and a plan or means
        r"no point (?:in )?(?:living|going on|being here|being alive|anything|any of it)"
        r"|(?:do not|does not|cannot) see (?:the|a|any) point (?:in|of) (?:living|going on|anything|life|it all)"
        r"|nothing (?:left )?to live for|(?:better|be better) off without (?:me|him|her|us)"
        r"|(?:pills|meds|medicine|tablets) (?:are )?(?:all )?(?:lined up|set out|laid out|counted out"
        r"|ready to take)|(?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my|his|her|their) (?:pills"
        r"|meds|medicine|tablets)|(?:has|have|got|bought|found|tied) a (?:rope|noose)|noose"
        r"|goodbye (?:letters?|notes?)|suicide note|(?:giving|gave|gives) away (?:all )?(?:of )?(?:his|her|my"
        r"|their) (?:things|stuff|belongings|possessions)"
        r"|(?:let|letting|make|making) (?:the|my|his|her) pump (?:run|go) (?:dry|out|empty) on purpose"
        r"|(?:turn|turning|switch|switching|shut|shutting) off (?:my|his|her|the) pump (?:and|to) (?:just )?"
        r"(?:let go|die|be done|end it|not wake up)"
        r"|(?:use|using) (?:it|the gun|a gun|the pills) on (?:myself|himself|herself|themselves)"
        r"|(?:want|wants|wanted) (?:it|this|everything|it all) (?:all )?to (?:be over|end|stop for good|stop forever)"
        r"|(?:cannot|can not) do this anymore|(?:cannot|can not) take (?:it|this) anymore"
        r"|(?:going to|want to|wants to|about to|planning to|plan to|will) (?:take|swallow) all (?:of )?(?:my"
        r"|his|her|their|the) (?:pills|meds|medicine|tablets|baclofen)"
        r"|(?:go to sleep|fall asleep) and (?:never|not) wake up"
        r"|(?:do not|does not) want to be (?:here|around) anymore"
        r"|(?:wish|wishes) (?:i|he|she) (?:had never been born|was not here|were not here|was gone)"
        # being a burden, ending it, saying goodbye
        r"|(?:am|is|are|being|feel like|just|such) (?:just |such |only )?a (?:burden|weight)(?: (?:to|on) \w+)?"
        r"|(?:end|ending) it(?: all)?\b(?! (?:the|a|an) )|(?:am|is) done (?:fighting|living|with life|with"
        r" everything|with it all)|(?:this|it) is goodbye|said goodbye (?:and|to (?:everyone|everybody|us))"
        r"|(?:written|wrote|writing|left) (?:my|a|his|her|the) (?:letters|goodbye|note (?:for|to))"
        r"|(?:made|making) peace with it|(?:no|do not see any|cannot see any) way out|hopeless"
        r"|(?:no one|nobody|no body) (?:would|will|is going to) (?:miss|care|notice (?:if|when) (?:i|he|she)"
        r" (?:was|were|am|is|had) (?:gone|dead|not here|not around)|notice (?:if|when) (?:i|he|she) (?:died|disappeared)"
        r"|notice (?:i|he|she) (?:am|was|is) gone)|(?:no one|nobody) cares if"
        r" (?:i|he|she) (?:live|lives|die|dies)|(?:life|living)(?: \w+){0,4} (?:is not|not) worth"
        # a plan or means
        r"|(?:have|has|got|made|with) a plan to (?:end|die|kill|go)|(?:going to|gonna|want to) overdose"
        r"|(?:thinking about|think about) using (?:it|them|that)|(?:holding|sitting here with|got out|has out)"
        r" (?:a|his|her|my|the) (?:\w+ )?(?:gun|rifle|pistol|knife|razor|blade)"
        r"|(?:saved|saving|stockpiled|hoarded|hoarding)(?: \w+){0,3} (?:pills|baclofen|meds|medicine|tablets)"
        r"|(?:pills|meds|tablets) (?:i|he|she) (?:saved|have been saving|hoarded)"
        r"|(?:have|got) (?:my|the|all my|his|her) (?:pills|meds|tablets) (?:out|here|ready|in front of me)"
        r"|enough (?:baclofen|pills|meds|medicine)(?: \w+){0,2} to (?:never wake|die|end|not wake)"
        r"|(?:skipping|skip|stopping|stop|missing|miss|not going to) (?:my |his |her |the )?refills?"
        r"(?: \w+){0,3} (?:on purpose|so (?:i|he|she) can die)|so (?:i|he|she) can die"
        r"|(?:let|letting) (?:the )?withdrawal (?:kill|finish|take)|(?:want|wants) the withdrawal to (?:kill"
        r"|finish|take)|let (?:it|the pump|the alarm|the withdrawal)(?: \w+){0,4} (?:take me|finish me|kill me)"
        r"|(?:let|letting) the (?:pump|alarm)(?: \w+){0,6} (?:be over|end it|run out on purpose)"
        r"|so it (?:will|would|can) (?:all )?be over|(?:will not|does not|do not) need the pump (?:after|anymore)"
        r"|(?:been|am|is|keep) cutting (?:myself|himself|herself|again|my|his|her)|(?:been|keep) cutting and"
        r"|(?:turn|turning|put|putting|set|setting) (?:my|his|her|the) pump (?:up )?(?:as high as|all the way|to (?:the )?max)"
        # withdrawal or the pump as the means: "skip every refill so the withdrawal finishes me off"
        r"|withdrawal (?:kills|finishes|takes|will kill|will finish|will take|can kill|can finish) (?:me|him|her)"
        r"(?: off| out)?\b|(?:it|the pump|the alarm) (?:finishes|will finish|can finish) (?:me|him|her) off\b"
        r"|(?:skip|skipping|stop|stopping|miss|missing) (?:every|all|all of|my|his|her|the)(?: \w+){0,2} refills?"
        r"(?: \w+){0,6} so (?:i|he|she|it|the withdrawal) (?:can |will )?(?:die|end|finish|be gone|kill)"
        r"|(?:go|going) to sleep for good|(?:had|have) enough(?! of)(?: \w+){0,4} (?:i am done(?! with)|finish it|end it)"
        r"|(?:standing|sitting|stood|sat|climbed|climbing|up|out) on (?:the|a) (?:edge of (?:the|a) )?(?:bridge|ledge|roof"
        r"|cliff|railing|train tracks|tracks|edge)|(?:in|inside) (?:the|my|a|his|her) (?:car|garage)(?: \w+){0,5} (?:with"
        r" )?(?:the )?engine (?:running|on)|nothing (?:is|will) ever (?:going to )?(?:get|be) (?:any )?better|(?:drive|driving) (?:my|his|her|the) (?:car"
        r"|wheelchair) (?:into|off)|(?:tonight|today) is the night|(?:want|wants) (?:it|everything|this) (?:all )?to"
        r" stop forever|(?:do not|does not) want to wake up (?:tomorrow|again|anymore)|never wake up again"
        r"|(?:going to|gonna) fix that tonight|take them all (?:tonight|today|at once|now)"
        r"|(?:what is|whats) the point (?:of|in) (?:living|going on|life|anything|trying|any of this)"
        r"|easier (?:for everyone )?if i (?:just )?(?:let|stopped|died|was gone|were gone|did not wake|was not here)"
        r"|(?:miss|care about|notice) me (?:if|when) i (?:was|were|am) gone"
        r"|(?:turn|turning|switch|switching|shut|shutting) off (?:my|his|her|the) pump (?:for good|forever|permanently)"
        r"|(?:has|have|got) (?:the|my|a) (?:rope|noose) ready|(?:calling|here|want|wanted|going) to say goodbye"
        r"|(?:would|had) rather (?:be dead|die|not be alive|not wake up)|(?:got|has|have|took|taking) (?:his|her|my|a|the)"
        r" (?:gun|rifle|pistol) out"
        r"|no point anymore|(?:nobody|no one) would (?:even )?(?:miss|notice|care)|tired of (?:fighting|living|being"
        r" alive|it all)|(?:i am|am) ready to (?:go|die|be done)(?! to| home| for| out| back| on| ahead| through| with| over)"
        r"|(?:take|takes|enough|many|much)(?: \w+){0,3} to (?:not|never) wake up"
        r"|drive (?:my |the |his |her )?(?:car |wheelchair )?(?:into|off) (?:a|the) (?:tree|wall|bridge|lake|river|cliff)"
        # on the way to a place to fall from: "i keep thinking about the railway line and i'm walking there now"
        r"|(?:railway|train tracks|tracks|bridge|cliff|ledge|roof|motorway|overpass)(?: \w+){0,6}"
        r" (?:walking|going|heading|driving|wheeling|on my way) (?:there|over there|to it|down there)\b"
        # a jump planned, with or without the subject: "going to jump off the roof"
        r"|(?:going to|gonna|about to|want to|wants to|will|plan to|planning to) (?:jump|throw (?:myself|himself"
        r"|herself)) (?:off|from|in front of) (?:the |a |that |this )?(?:roof|bridge|ledge|cliff|balcony|building"
        r"|window|car park|parking garage|multi storey|overpass|train|tracks|top)",
    ),
    (
        CRISIS,
        "means_and_farewell",
        # two families together, in any order: a means at hand and a last word ("I've got a gun and I'm
        # done"), or a goodbye with a message left for the family ("this is goodbye, tell my kids I love them")
        rf"(?:{_MEANS})(?: \w+){{0,10}} (?:{_FAREWELL})|(?:{_FAREWELL})(?: \w+){{0,10}} (?:{_MEANS})"
        r"|good ?bye(?: \w+){0,4} tell (?:my|the|our|his|her) \w+(?: that)? (?:i|we|he|she) love",
    ),
    (
        EMERGENCY,
        "plea",
        # a bare call for help: the whole utterance is a plea (``help`` alone is Alexa's help intent)
        rf"^(?:(?=\S+ \S)(?:{_PLEA})|mayday|sos|s o s)$",
    ),
    (
        EMERGENCY,
        "to_the_er",
        r"(?:take|bring|drive|rush|get|taking|bringing|driving|rushing) (?:him|her|them|me|us|my \w+|grandma"
        r"|grandpa|mom|dad) to (?:the )?(?:er|e r|emergency room|hospital|a and e)",
    ),
    (
        EMERGENCY,
        "explicit",
        r"emergency|emergencies|911|999|112|(?:ring|call|dial|phone) (?:nine|999)\b(?! (?:o|am|pm|thirty|fifteen|forty"
        r"|tomorrow|tonight|hours|minutes|in the|\w+ o clock))|ambulance|paramedics?(?! (?:student|students|course|training|school|degree))"
        r"|urgent|urgently|life or death"
        r"|help (?:me|him|her|us|them|my \w+|grandma|grandpa|mom|dad) (?:right )?now"
        r"|need help (?:right )?now|need help fast"
        r"|help (?:me )?quick|(?:somebody|someone|anybody|anyone) help|help help|get help (?:right )?now"
        r"|^(?:please )?(?:go )?get (?:me |him |her |us |some )?help(?: please)?$"
        r"|call for help|send help|(?:send|get) (?:someone|somebody|anyone|anybody|people)(?: here| over| round)?"
        r"(?: please)? (?:now|quick|quickly|fast|right now|immediately|asap|straight away)\b"
        r"|^(?:(?:please|quick|quickly|hurry|now) )*(?:send|get) (?:someone|somebody)(?: here| over)?"
        r"(?: please| now| quick)*$|(?:am|is|are) " + _DYING + r""
        r"|having a stroke|no pulse|(?:cannot|could not) find (?:a|his|her|their) pulse|(?:heart|breathing) (?:has )?stopped"
        r"|life threatening|hurry up|please hurry|hurry please"
        r"|(?:need|get|send) (?:me |him |her |us )?(?:a )?(?:doctor|medic|nurse) (?:right now|now|fast|quick"
        r"|immediately|asap)"
        r"|(?:something )?(?:bad|terrible|awful|wrong) is happening to",
    ),
    (
        EMERGENCY,
        "breathing",
        r"not breathing|stopped breathing|(?:taking|takes|taken) (?:only )?a breath (?:every|once every) (?:now and"
        r" (?:again|then)|so often|few seconds|\w+ seconds)|(?:fighting|struggling) for (?:air|breath|every breath)|(?:cannot|could not|unable to|can barely) breathe?"
        r"|(?:barely|hardly) breathing|quit breathing|gasping"
        r"|(?:wheezing|wheezy|breathless|out of breath|short of breath)(?: \w+){0,4}? (?:cannot|could not|can barely"
        r"|can hardly) (?:speak|talk|get (?:a|the) words? out)"
        r"|(?:cannot|could not) catch (?:my|his|her|their|a) breath|struggling for (?:air|breath)"
        r"|(?:cannot|could not) get (?:enough|any) (?:air|breath)"
        r"|(?:cannot|could not) get (?:any )?air"
        # the colour of someone short of air (not "my hair is turning grey")
        r"|(?<!hair )(?<!hair is )(?<!hair are )"
        r"(?:turning|going|gone|went|turned) (?:blue|purple|grey|gray|ashen)"
        # a few words between: "her lips have gone a funny blue color"
        r"|(?:lips|face|skin|fingers|fingernails|nails|mouth)(?: \w+){0,4}? (?:blue|purple|grey|gray|ashen|dusky)"
        r"|(?:gurgling|rattling|choking) (?:sounds?|noises?)|choking on"
        r"|(?:something|food|a \w+) (?:is )?stuck in (?:his|her|my|their) (?:throat|windpipe)",
    ),
    (
        EMERGENCY,
        "unconscious",
        r"(?:will|would) not wake(?: up)?|(?:cannot|could not) wake (?:\w+ ){0,2}?(?:up|him|her|them)\b"
        r"|(?:cannot|could not) wake(?! up\b)|not waking up|not responding|unresponsive|passed out"
        r"|blacked out|fainted|collapsed|keeled over"
        r"|(?:is|and|now|gone|went|lying|still|completely|totally) unconscious"
        r"|(?:went down|dropped|fell|collapsed|passed out|fainted|fit|seizure|hit (?:his|her|my) head)(?: \w+){0,8}"
        r" (?:has|have|had|did|does|do) not (?:woken|woke|wake|waken|come round|come to)\b"
        r"|found (?:him|her|them|my \w+) (?:on the floor|unconscious|passed out|not breathing)"
        r"|lost consciousness|losing consciousness|is out cold"
        r"|(?:going to|about to) (?:pass out|faint|black out|collapse)"
        r"|(?:cannot|could not) get (?:him|her|them) to (?:wake|respond)"
        r"|(?:will not|would not|cannot|could not|not) (?:come|coming) (?:(?:round|around)(?! (?:this|next|on|for|to|at"
        r"|tomorrow|tonight|today|later|until|till|anymore|as often|much|because|she|he|we|i)\b)|to(?= *$| and| yet"
        r"| at all| now| please| help| what))"
        r"|(?:dropped|slumped|crumpled|collapsed|went down) (?:to|on|onto) the (?:floor|ground)"
        r"|(?:is|was|are) (?:lying |laying )?(?:face down )?on the (?:bathroom |kitchen |bedroom )?(?:floor|ground)"
        r"(?! (?:plan|mat|tile|model|level|nurse|staff))"
        r"|slumped over|hit the (?:floor|ground)|(?:lying|laying) (?:on the floor|on the ground|lifeless)"
        r"|lifeless|(?:will not|would not|cannot|does not) open (?:my|his|her|their) eyes"
        r"|(?:will|would|does|do|did) not (?:he|she|they|you|it|my \w+) (?:wake|respond|answer|breathe)"
        r"|(?:will not|would not|cannot|could not|does not|did not) (?:rouse|arouse|come round|come around)"
        r"(?! (?:this|next|on|for|to|at|tomorrow|tonight|today|later|until|till|anymore|as often|much|because|she|he"
        r"|we|i)\b)"
        r"|why (?:is|are) (?:he|she|they|my \w+) not (?:waking|breathing|responding|moving)"
        r"|(?:on|lying on|laying on) the (?:\w+ )?floor (?:and )?(?:not moving|not responding|unconscious"
        r"|will not (?:move|wake|answer|respond))",
    ),
    (
        EMERGENCY,
        "seizure",
        r"having (?:a |another )?(?:seizure|convulsion|fit)s?|seizing|convulsing|had (?:a|another) seizure"
        r"|(?:seizure|convulsion|fit)s? (?:after|upon|on top of) (?:another|(?:seizure|convulsion|fit)s?)\b"
        r"|(?:he is|she is|they are|is|keeps|started|still|been|(?:my|his|her|our|the) \w+) fitting\b"
        r"(?! (?:the|a|an|his|her|my|in|into|it|them|him))"
        r"|in a seizure|seizure right now|foaming at the mouth|eyes (?:are )?(?:rolling|rolled) back"
        r"|thrashing|having (?:a )?fits?"
        r"|(?:shaking|jerking|twitching|convulsing) (?:violently|uncontrollably)"
        r"|(?:twitching|jerking|shaking) and (?:(?:his|her|my|their) )?eyes (?:are )?(?:rolling|rolled)",
    ),
    (
        EMERGENCY,
        "chest",
        r"(?:clutching|grabbing|gripping|holding|clawing) (?:at )?(?:my|his|her|their|the) (?:chest|heart)"
        # a few words between: "this squeezing in the middle of my chest"
        r"|(?:crushing|squeezing)(?: \w+){0,5}? (?:my|his|her|their|the)? ?chest"
        r"|(?:elephant|weight) (?:sitting )?on (?:my|his|her|their) chest"
        r"|(?:bad|severe|terrible|crushing|sudden) chest pains?|chest pains? (?:really |so )?(?:bad|now|right now)"
        r"|worst headache (?:of|in) (?:my|his|her|their) (?:whole )?life"
        r"|(?:pain|numb|tingling|hurts)(?: \w+){0,3} (?:down|in) (?:my|his|her|their) left arm",
    ),
    (
        EMERGENCY,
        "stroke",
        # one side of the body going: a stroke sign said without a subject ("... and one side's weak")
        r"(?:left|right|one) side (?:of (?:his|her|my|their) (?:body|face) )?(?:is |went |has gone |gone |just went )?"
        r"(?:weak|numb|dead|limp|droopy|drooping)\b"
        # or the use of it lost: "he's suddenly lost the use of his left side"
        r"|(?:lost|losing) (?:the )?(?:use of|feeling in|all feeling in|control of) (?:his|her|my|their|the|one)"
        r" (?:(?:left|right) )?side\b"
        r"|(?:sudden )?(?:weakness|numbness) (?:all )?(?:down|in|on|through) (?:my|his|her|their|the|one) (?:left|right)"
        r" side\b|(?:cannot|could not) (?:say|get out) what (?:i|he|she|they) (?:mean|means|want|wants)\b",
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
        r"|hemorrhag\w*|haemorrhag\w*|so much blood"
        r"|(?:bleeding|blood)(?: \w+){0,4} (?:it|that) (?:will not|would not|does not|cannot|is not going to) stop",
    ),
    (
        EMERGENCY,
        "fall",
        r"fell|fallen|(?:cannot|could not) get up|took a (?:bad |hard )?fall"
        r"|hit (?:(?:my|his|her|their|the) )?head|had a (?:bad |hard )?fall"
        r"|broke (?:my|his|her|their) (?:hip|leg|arm|neck|back)"
        # a bone that looks broken now: "i think my leg's broken", "her arm's bent the wrong way"
        r"|(?:hip|leg|arm|neck|back|ankle|wrist|shoulder) (?:is |looks |might be |must be )?(?:broken|snapped)"
        r"|(?:bent|twisted|pointing) the wrong way"
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
        "poisoning",
        # a poison swallowed, whoever by: "grandma drank a glass of weed killer thinking it was juice"
        r"(?:drank|drunk|swallowed|ate|eaten|chewed|bit into|sucked on|licked)(?: \w+){0,4}? (?:bleach|antifreeze"
        r"|weed killer|rat poison|drain cleaner|button batter(?:y|ies)|lamp oil|lighter fluid|paint thinner"
        r"|gasoline|(?:dishwasher|laundry|tide) pods?)",
    ),
    (
        EMERGENCY,
        "reaction",
        # an adrenaline pen used: a severe allergic reaction now ("we've given him his epipen and he's no better")
        r"(?:used|gave|given|give|giving|had to use|jabbed|injected)(?: (?:him|her|me|them))?"
        r"(?: (?:his|her|my|the|their|an|own))* (?:epipen|epi pen|adrenaline pen|adrenaline|auto ?injector)",
    ),
    (
        EMERGENCY,
        "overdose",
        r"(?:took|swallowed|taken) (?:a bunch of|a lot of|a handful of|all (?:of )?(?:my|his|her|their|the))"
        r" (?:pills|meds|medicine|baclofen)|overdosed|overdosing"
        r"|(?:took|taken|had|having|got|given) an overdose|gave too (?:much|many)"
        r"|(?:took|taken|got|gotten|given|gave (?:me|him|her|them)|received) too (?:much|many)"
        r"|(?:took|swallowed|taken|eaten|ate) (?:her|his|my|their|the) (?:whole|entire) (?:week|month|day|supply)"
        r"|(?:took|swallowed|taken) (?:the (?:whole )?lot|all of them|every (?:last )?one of them|every last one)"
        r"(?! (?:off|out|back|down|away|to|with|home|apart))"
        r"|(?:took|swallowed|taken|eaten|ate|had) (?:a|her|his|my|their|the) (?:whole |full )?(?:week|month|fortnight)"
        r" (?:worth|supply)",
    ),
)

# Short non-question utterances that name a sign without a subject ("chest pain", "son seizure").
# Signs said in a fixed shape, with no subject of their own: vetoed by context like the rules above.
_PHRASES = {
    # a spinal fluid leak: a headache on sitting or standing up that eases lying down
    "leak_headache": r"head (?:hurts|pounds|is killing)(?: \w+){0,8} (?:sit|sits|sitting|stand|stands|standing"
    r"|get up|gets up|getting up)(?: \w+){0,8} (?:lie|lies|lying|lay|laying|lays) (?:down|flat)"
    r"|headaches?(?: \w+){0,8} (?:sit|sits|sitting|stand|stands|standing|get up|gets up|getting up)"
    r"(?: \w+){0,8} (?:lie|lies|lying|lay|laying|lays) (?:down|flat)",
    # weakness climbing from the legs to the arms (too much baclofen)
    # a pump alarm that keeps sounding ("it won't stop beeping")
    "alarm_sounding": r"(?:will not|would not|does not|cannot) stop (?:beeping|alarming|going off|chirping"
    r"|screaming)|keeps (?:on )?(?:beeping|alarming|going off|chirping)",
    "blood_soaking": r"blood (?:is |keeps )?(?:soaking|seeping|coming|leaking) (?:through|out)|soaked (?:through )?with blood",
    "lost_feeling": r"(?:lost|losing|no) (?:all )?(?:feeling|sensation) in (?:both |my |his |her |their )?(?:legs|feet"
    r"|lower body)|dead weight from the waist down|(?:cannot|could not) lift (?:his|her|my|their) (?:legs|arms)"
    r" anymore",
    "meningitis_rash": r"(?:rash|spots) of (?:tiny )?(?:purple|red) (?:spots|dots)|(?:purple|red) (?:spots|dots|rash)"
    r"(?: \w+){0,4} (?:fever|temperature|stiff neck)|(?:fever|temperature)(?: \w+){0,4} (?:purple|red) (?:rash|spots)"
    r"|neck (?:hurts|is killing me) when (?:i|he|she) (?:bend|bends|move|moves|turn|turns)",
    "alarm_going": r"(?:alarm|pump alarm|pump) (?:is |keeps )?going(?! to| off to| away)(?: and| off)",
    "pump_exposed": r"(?:can see|showing|sticking out) (?:the )?pump|pump is (?:showing|poking) through",
    "seizure_long": r"seizure (?:has )?(?:lasted|been going on|going on) (?:for )?(?:more than|over|for)",
    "sting_reaction": r"(?:stung|bee sting|wasp|peanuts?|nuts|shellfish|new (?:pill|medicine|medication))(?: \w+){0,6}"
    r" (?:throat|tongue|lips|face|hives|welts|swelling|swollen|cannot breathe)",
    "person_blue": r"(?:he|she|i|they|you|my (?:husband|wife|son|daughter|mom|dad|mother|father|baby|child|kid|boy"
    r"|girl|grandma|grandpa|brother|sister|partner|patient)) (?:is|are|am|was|looks|look|is looking|turned)"
    r" (?:all |really |so |very |kind of )?(?:blue|purple|grey|gray|ashen)",
    # danger asked as a question about how much: "is he supposed to be this floppy", "is it normal to be so sleepy"
    "this_much_sign": r"(?:supposed to be|normal to be|okay to be|ok to be|normal that (?:he|she|i) (?:is|am)"
    r"|normal for (?:him|her|me) to be) (?:this|that|so) (?:\w+ )?(?:floppy|limp|sleepy|drowsy|hard to wake"
    r"|confused|stiff|rigid|weak|dizzy|out of it|hot|slow)",
    "weakness_climbing": r"(?:weak|weaker|floppy|numb|limp|weakness|numbness)(?: \w+){0,6} (?:and )?now"
    r" (?:his|her|my|their|the) (?:arms|hands|chest|breathing)"
    r"|(?:from|in) (?:his|her|my|their|the) legs (?:up )?(?:to|into) (?:his|her|my|their|the) arms",
}

_BARE = (
    r"chest pain|seizure|seizures|convulsions|fever|stiff neck|dizzy|lightheaded|light headed|drowsy|confused"
    r"|floppy|rigid|itchy|tingling|numb|paralyzed|paralysed|(?:cannot|could not) (?:move"
    r"|feel) (?:(?:my|his|her) )?legs"
    r"|pump (?:alarm|beeping|is beeping|going off)|alarm going off|missed (?:(?:my|his|her|the) )?refill"
    r"|low blood pressure|blood pressure (?:low|dropping)|too much medicine"
)

# Long-term conditions people name when they describe the person, not what is happening now.
_CONDITIONS = (
    r"ms|m s|multiple sclerosis|cerebral palsy|cp|dystonia|(?:a )?spinal cord injury"
    r"|(?:a )?brain injury|(?:a )?head injury|spina bifida|parkinsons|parkinson|als|lou gehrig"
    r"|(?:a )?stroke|(?:a )?movement disorder|(?:a )?neurodegenerative disease|huntingtons"
)
# Context that makes a REPORT match hypothetical or a general question.
_CONDITIONAL = frozenset(
    {"if", "whether", "when", "whenever", "once", "unless", "until", "suppose", "supposing", "lest", "case"}
    | {"risk", "chance", "chances", "possible", "possibility", "likely", "odds"}
)
_INVERSION = frozenset(
    {"do", "does", "did", "can", "could", "will", "would", "should", "might", "may", "must", "shall"}
    | {"to", "make", "makes", "let", "cause", "causes", "be", "ever"}
)
_SUSPECTING = frozenset({"might", "may", "could", "must"})
_HABIT_BEFORE = frozenset({"usually", "sometimes", "often", "always", "normally", "generally", "typically"})
_HABIT_BEFORE |= {"occasionally"}
_BOUNDARY = frozenset(
    {"but", "so", "because", "please", "help", "oh", "ok", "okay", "alexa", "hey", "then", "now"}
    | {"why", "what", "how", "where", "who", "which", "think", "thinks", "says", "said", "believe"}
)
_DETERMINERS = frozenset({"my", "his", "her", "their", "our", "your", "the", "this"})
_ARTICLES = frozenset({"a", "an", "any", "some"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "to"})
# After a match: what makes the clause a description of how things have long been, not news.
_AFTER_RE = lazy_pattern(
    r"(?: \w+){0,8}? (?:"
    r"(?P<long_standing>for (?:(?:many|several|a few|two|three|five|ten|a couple of) )?(?:years|months"
    r"|decades)|for (?:a )?long time|for as long as (?:i|we|he|she|they) can remember|since (?:birth|childhood|(?:he|she|i|they) was|(?:his|her|my|their"
    r"|the|a) (?:accident|injury|birth|stroke|diagnosis|surgery years))|all (?:his|her|my|their) life"
    r"|from birth|born with|years ago|ever since (?:birth|childhood|(?:he|she|i|they) was|(?:(?:the|his|her|my"
    r"|their) )?(?:brain |head |spinal |spinal cord )?(?:accident|injury|stroke|diagnosis))"
    rf"|(?:because of|from|due to) (?:(?:his|her|my|their|the) )?(?:{_CONDITIONS}))"
    # habit: how it usually is, not what is happening now
    r"|(?P<habit>all the time|every (?:day|morning|evening|night)|most (?:days|of the time|mornings)"
    r"|in the (?:mornings|evenings)|at night|on and off|off and on|from time to time|at times|sometimes"
    r"|usually|always|whenever|every time|when it (?:is|gets)|often|a lot|all day every day"
    r"|when (?:he|she|i|they|you|we) (?:stand|stands|sit|sits|get|gets|wake|wakes|bend|bends|walk|walks"
    r"|lie|lies|turn|turns)(?: up| down| over)?)"
    # a candidacy question: the sign describes why they are asking about the therapy
    r"|(?P<candidacy>(?:can|could|would|will|might|does|do|is) (?:the |a |an |this |that )?(?:it|pump"
    r"|therapy|treatment|itb|baclofen pump|surgery) (?:help|work|fix|loosen|let|be|make|improve|stop"
    r"|ease|relax)|(?:is|are|would|could|will) (?:he|she|i|they|it|this|the pump) (?:be )?(?:a )?(?:good )?"
    r"(?:candidate|right for|an option|worth it|eligible)|(?:would|could|can|will) (?:he|she|i|they)"
    r" (?:qualify|benefit))"
    # the operation itself: what the surgeons see and do, not what is happening at home
    r"|(?P<during_surgery>during (?:the |a |an )?(?:surgery|operation|procedure|implant))"
    # a question asked after the sign: "(if) he overdosed, how would I know"
    r"|(?P<question>how (?:would|do|does|can|could|will) (?:i|we|you|it|that|this|they) (?:know|tell|show"
    r"|look|present|appear)|what (?:would|does|will) (?:it|that|this) look like)"
    # a worry turned round: "my muscles ending up too floppy is something i think about"
    r"|(?P<feared>is (?:something|what) (?:i|we|he|she) (?:think|thinks|worry|worries|am worried|is worried)"
    r" about)"
    r")\b"
)
# After a match, anywhere: the sign is why they ask about the therapy ("... could the pump help his spasms").
_CANDIDACY_RE = lazy_pattern(
    r"\b(?:(?:can|could|would|will|might|does|do|is) (?:the |a |an |this |that )?(?:it|pump|therapy|treatment|itb"
    r"|baclofen pump|surgery) (?:help|work|fix|loosen|let|be|make|improve|stop|ease|relax)"
    r"|(?:is|are|would|could|will) (?:he|she|i|they|it|this|the pump) (?:be )?(?:a )?(?:good )?(?:candidate"
    r"|right for|an option|worth it|eligible)|(?:would|could|can|will) (?:he|she|i|they) (?:qualify|benefit))\b"
)
# Before a match: a long-term condition named as who the person is ("my wife has MS and is very stiff").
_CONDITION_BEFORE_RE = lazy_pattern(
    rf"(?:^|\b(?:has|have|had|with|got) )(?:(?:his|her|my|their) )?(?:{_CONDITIONS})\b"
)
# ... unless the sign is said to be new: then the condition is background, the sign is news.
_ACUTE_RE = lazy_pattern(
    r"\b(?:suddenly|sudden|all of a sudden|just now|right now|out of nowhere|today|tonight"
    r"|this (?:morning|afternoon|evening)|an hour ago|since (?:the|his|her|my|their) (?:refill|alarm"
    r"|pump|surgery|operation)|will not stop|cannot stop|worse than ever|and now|but now)\b"
)
_QUESTION_START = frozenset(
    {"can", "could", "will", "would", "does", "do", "did", "is", "are", "am", "was", "were", "what", "how"}
    | {"why", "when", "where", "which", "who", "should", "shall", "may", "might", "tell", "explain"}
    | {"describe", "any", "list", "define", "whats"}
)
_QUESTION_WORDS_RE = lazy_pattern(
    r"\b(?:side effects?|risks?|normal|common|possible|chance|cause|causes|signs?|symptoms?|complications?"
    r"|if|question|about|mean|means|what|how|why)\b"
    r"|\b(?:does|do|can|could|would|will|is|are) (?:that|it|this|they) (?:happen|happens|occur|a thing)\b"
)

# Vetoes that only hold a finding back to the possible tier: the sign is there, described as not new,
# or an explicit emergency word is asked about or remembered rather than reported.
POSSIBLE_VETOES = frozenset({"long-standing", "habit", "chronic condition", "past", "over", "attributed"})

# The past: a finished event ("he had a seizure once when he was little", "last month the alarm went off
# and the nurse sorted it out"). Read within the match's own clause, so "she fell last year and now she
# can't get up" still reports what is happening now.
_PAST_RE = lazy_pattern(
    r"\b(?:(?:years|months|weeks) ago|a (?:year|month|long time|while) ago|long ago|a while back|some time ago"
    r"|a (?:few|couple of) (?:days|weeks|months|years) (?:ago|back)|once before|(?<!since )last week|ages ago"
    r"|as a (?:teenager|teen|kid|child|baby|toddler|student)|in the (?:spring|summer|autumn|fall|winter)"
    r"|in (?:his|her|my|their|our) (?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties)"
    r"|(?:during|at|after) (?:my|his|her|their|our|the) last (?:refill|visit|appointment|check up|checkup)"
    r"|at (?:university|college|uni|school)|in (?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)(?! and now)"
    r"|last (?:year|month|winter|summer|spring|fall|autumn|time|term|semester)|already (?:checked|seen|sorted|fixed|treated"
    r"|looked at)|(?:has|have|had) (?:gone|cleared) (?:now|away)|once (?:when|before|back)|back (?:in|when)|when (?:he|she|i|they|we) (?:was|were) (?:little|young"
    r"|a baby|a kid|a child|small|younger)|the (?:first|one|last) time|the time (?:the|when|that|he|she|i)"
    r"|in (?:nineteen|twenty) \w+|before (?:the|his|her|my|their) (?:pump|surgery|operation)|that was"
    r"|since then|turned out|sorted (?:it )?out|fixed it|cleared up|got better|i was okay"
    r"|it was just|the next (?:day|morning)|(?:went|go|goes) off once|once at|(?:beeped|went off|happened) once"
    r"|and it worked|i cried|(?:had|has|have) not had (?:a|one|any)|in (?:\w+ )?years)\b"
)
# A past event and how it ended, said after it: "the wound got infected but the antibiotics sorted it", "a
# seizure once and nothing since", "he broke his wrist but the pump was fine" (not "... was fine until now").
_RESOLVED_AFTER_RE = lazy_pattern(
    r"\b(?:sorted|fixed|cleared|cured|healed|settled|treated) (?:it|them|that|him|her)\b"
    r"|\b(?:has|have|is) had \w+(?: \w+)? ever since\b"  # "she is had": how "she's had" normalizes
    r"|\b(?:stopped|went away|cleared|settled) (?:once|when|after) (?:it|he|she|they|i|we|the)\b"
    r"|\b(?:long gone|all gone|gone now)\b|\b(?:then|and|but) (?:it|they|that|he|she) (?:settled|calmed|eased)"
    r"(?: down| off)?\b|\b(?:reset|silenced|sorted|fixed) (?:it|the alarm|the pump) (?:right )?(?:there|then|away|straight"
    r" away)\b"
    r"|\b(?:back to normal|(?:it is|it has|has|is) (?:all )?healed|that is all done|already (?:going|gone|better)"
    r"|(?:feels|looks|seems) (?:fine|okay|ok|normal|good)|(?:told|warned) us to expect|(?:as|which was) expected)\b"
    r"|\b(?:cleared|settled|healed) up\b|\bbut (?:it|they|that) (?:wore off|went away|passed|settled)\b|\bnothing since\b|\bnever \w+ (?:one|it|another|any|again) since\b"
    r"|\bbeen (?:fine|okay|ok|well|all right|alright) (?:ever )?since\b"
    r"(?! (?:breakfast|lunch|dinner|tea|this|last|yesterday|earlier|\w+ ago))"
    r"|\b(?:but|and) (?:she|he|i|they|we) (?:was not|were not|did not|was never) (?:hurt|injured|harmed)\b"
    r"|\b(?:but|and) (?:she|he|i|they) did not (?:hurt|injure|harm) (?:herself|himself|myself|themselves)\b"
    r"|\bnothing (?:was )?(?:broken|broke)\b|\bbut that was (?:years|months|weeks|ages|a long time|a while) ago\b"
    r"|\bbut that was (?:back )?in (?:the )?\w+\b"
    r"|\b(?:got|had|made|caught|did)(?: \w+){0,3} in time\b"
    r"|\b(?:seizure|fit|symptom|trouble|problem|alarm|pain|infection) free (?:ever )?since\b"
    # ... "but it went down by bedtime", "but once it was filled i loosened right up" ("went down" of a thing
    # only: "then he went down" is a collapse; "passed out" and "passed away" are not an end)
    r"|\b(?:but|and then|then|and)(?: \w+){0,4}? (?:it|they|that)(?: \w+){0,2}? (?:stopped|passed|went away"
    r"|went down|came down|wore off|settled|eased|cleared up|healed|calmed down|picked up|improved)\b"
    r"(?! (?:breathing|moving|responding|talking|eating|drinking|making|waking|answering|working|out|away))"
    r"|\b(?:but|and then|then|and)(?: \w+){0,4}? (?:he|she|i|we)(?: \w+){0,2}? (?:perked up|picked up|loosened up"
    r"|loosened|calmed down|settled down|recovered|got better|came round|came to)\b"
    r"|\bonce (?:his|her|my|the|their|our) \w+(?: \w+)? (?:was|were|got|had been) (?:sorted|fixed|changed|adjusted"
    r"|sorted out|increased|reduced|lowered|raised)\b"
    r"|\bbut (?:the \w+|it|everything|he|she|they) (?:was|were) (?:fine|okay|ok|all right|alright)\b"
    r"(?! (?:a|an|this|earlier|just|yesterday|until|till|before|\w+ ago)\b)"
)
# How it ended, said right after the sign ("the fever stopped by itself", "her breathing was slow after the op
# but it picked up"), or the sign itself a stop said with when it stopped ("the alarm stopped after the refill").
_ENDED_RIGHT_AFTER_RE = lazy_pattern(
    r"(?: \w+){0,4}? (?:has |had |then |soon )?(?:stopped|passed|eased off|wore off|went away|died down"
    r"|calmed down|cleared up|settled down)"
    r"(?! (?:breathing|moving|responding|talking|eating|drinking|making|waking|answering|working|out|away))\b"
)
_STOPPED_WHEN_RE = lazy_pattern(
    r" (?:\w+ )?(?:after|as soon as|once|when|within|by|straight away|right away|quickly|on its own|by itself"
    r"|in the end)\b"
)
# Asking, said just before the sign ("I was wondering is itching ..."), or a case said after it ("... would that be
# a warning sign", "... could that stop the medicine getting through"; "one day" makes any clause a case).
_WONDERING_RE = lazy_pattern(
    r"\b(?:wondering|wonder|want(?:ed)? to know|curious|difference between|tell apart"
    r"|how (?:can|do|would|will|could) (?:i|you|we|they) (?:tell|know))\b(?: \w+){0,4}$"
)
_CASE_AFTER_RE = lazy_pattern(
    r"\b(?:would|could|might|will) (?:that|this|it|they|those|these) (?:be|mean|cause|stop|make|happen|count"
    r"|affect)\b|\bif (?:i|he|she|we|they|you) ever\b|\bif (?:we|i|you|they) (?:need|needed|have to|had to)\b"
)
# What a sign would mean, or what could cause one, asked before it: "the alarm, could that mean the catheter's
# broken", "does pins and needles mean the pump isn't working", "can too much baclofen put someone in a coma".
_MEANS_BEFORE_RE = lazy_pattern(
    r"\b(?:(?:could|would|does|do|can|might|may) (?:that|this|it|they) mean|mean|means|meant)(?: that)?(?: \w+){0,2}$"
    r"|\b(?:put|send|make|leave|knock|cause) (?:someone|somebody|a person|people|you|anyone|anybody)(?: \w+){0,2}$"
    r"|\b(?:put|send|knock|leave)$"
)
_ASKED_FOR_AFTER_RE = lazy_pattern(
    r"(?: \w+){0,2}? (?:can|could|would|will) you (?:please )?(?:tell|remind) me\b"
)
_SOMEDAY_RE = lazy_pattern(
    r"\b(?:some day|someday|one day|one (?:morning|night|evening|afternoon)|one of these days|in the future)\b"
    r"(?! (?:after|since|later|ago|before|post))"
)
# A sign asked about by what it means, said right after it: "is itching a sign of withdrawal".
_SIGN_OF_AFTER_RE = lazy_pattern(
    r" (?:a |an )?(?:early |warning |common |usual |normal )?(?:sign|signs|symptom|symptoms|side effects?"
    r"|warning sign|normal)\b|(?: \w+){0,2}? (?:something|a thing|what) (?:that )?(?:comes|goes|happens) with\b"
)
# How common a sign is, asked after it: "bleeding and bruising is that common after the surgery".
_HOW_COMMON_AFTER_RE = lazy_pattern(
    r"\b(?:is|are) (?:that|it|this|they|those) (?:a (?:real )?thing|(?:common|usual|likely|rare|normal)\b)"
    r"|\b(?:does|do|can|could|would|will) (?:that|it|this|they) (?:happen|occur)\b|"
    r"\b(?:is|are) (?:that|it|this|they|those) (?:common|usual|likely|rare)\b"
)
# The sign as something someone mentioned: "my mum's neurologist mentioned bleeding and bruising".
_MENTIONED_BEFORE_RE = lazy_pattern(
    r"\b(?:mentioned|talked about|told (?:us|me|him|her) about|warned (?:us|me|him|her) about|said something about"
    r"|read about|heard about)(?: \w+){0,2}$"
)
# The next time it happens is a case ("next time the alarm goes off do I ring 911"); every time, in a
# question, a habit ("do we go to the er every time the pump beeps"; not "every time I look he's blue").
_NEXT_TIME_RE = lazy_pattern(r"\b(?:the )?next time\b")
# Whether something is a problem, asked: the "problem with the pump" is the question, not a report.
_A_PROBLEM_RE = lazy_pattern(r"(?:problem|issue|risk)s? (?:with|for)\b")
_EVERY_TIME_RE = lazy_pattern(r"\b(?:every|each|any) time\b|\banytime\b")
_EVERY_TIME_JUST_BEFORE_RE = lazy_pattern(
    r"\b(?:(?:every|each|any) time|anytime|whenever)(?: (?:the|my|his|her|it))?$"
)
# Where a clause ends: what follows "and now" or "but now" is news of its own.
_CLAUSE_BREAK_RE = lazy_pattern(r"\b(?:and now|but now|now|but|and then|then)\b")
# Words that make the subject people in general ("how many people have problems with the catheter").
_GENERIC = frozenset({"people", "patients", "anyone", "anybody", "everyone", "everybody", "many", "most"})
_GENERIC_IN_QUESTIONS = frozenset({"someone", "somebody", "you", "person"})
# In a question: "could it make my wife's muscles too floppy", "can the pump cause seizures": a risk asked about.
_RISK_QUESTION_RE = lazy_pattern(
    r"\b(?:can|could|will|would|might|may|does|do|did)(?: not)? (?:it|this|that|they|baclofen|the \w+|a \w+)\b"
)
_HOW_MUCH_IS_TOO_RE = lazy_pattern(
    r"\bhow (?:\w+ ){1,2}is too\b|\bhow (?:dangerous|common|likely|serious|bad|often|rare|risky|safe|long)"
    r" (?:is|are|would|can|does|do)\b|\b(?:what|which) (?:makes|causes|would make|would cause|can make|can cause"
    r"|could make|could cause)\b"
)
# Asking how to keep something from happening ("how do I keep the incision from getting infected"): about
# what might come, not what is happening. "How do I stop the bleeding" is not this.
_PREVENTION_RE = lazy_pattern(
    r"\b(?:keep|keeping|stop|stopping)\b(?: \w+){1,4} from (?:getting|becoming|going|turning)\b"
    r"|\b(?:prevent|prevents|preventing|avoid|avoiding|lower the (?:risk|chance)s?|reduce the (?:risk|chance)s?)\b"
)
_CALL_FOR_ME_RE = lazy_pattern(
    r"\b(?:can|could|will|would) you (?:please )?(?:call|help|get|send|phone|ring)\b"
)
_MEANING = frozenset({"mean", "means", "meant", "meaning"})  # "does pins and needles mean the pump ..."
_NEGATION = frozenset({"never", "without", "not", "non"})  # "a non urgent question"
_CONTINUING = frozenset({"stop", "quit", "end", "ease", "let"})
# "the pills make me drowsy": a sign put down to a cause, as side effects are described.
_ATTRIBUTING = frozenset({"make", "makes", "made", "making"})
_OBJECTS = frozenset({"me", "him", "her", "them", "you", "us"})
# An explicit word framed as a plan or a case ("in an emergency we would call 911").
_EXPLICIT_FRAME_RE = lazy_pattern(
    r"\bif (?:(?:he|she|i|we|they|you|it|my \w+) )?ever\b"  # "call an ambulance if she ever gets floppy"
    r"|\bif (?:i am|we are|you are|they are) (?:not sure|unsure|in doubt)\b|\bwhich (?:one )?(?:should|do) (?:i|we)"
    r" (?:call|ring|phone)\b"
    r"|\b(?:in|for|during)(?: case of| the event of)? (?:an |a |the |any )?(?:emergency|emergencies)\b|\b(?:would|will|know to|knows to"
    r"|going to|plan to) call 911\b|\b(?:emergency|urgent|911) (?:plan|card|bracelet|contact|contacts|number"
    r"|kit|information|info|instructions|letter|wallet card)\b"
)
# Hypothetical or imagined: what follows is supposed, not reported.
_SUPPOSING = frozenset({"say", "imagine", "pretend", "hypothetically", "ever"})
# A request for a song, a show or a station that happens to name a sign ("play bleeding love").
# Alarms that are not the pump's ("the smoke alarm keeps chirping for a new battery").
_OTHER_ALARM_RE = lazy_pattern(
    r"\b(?:smoke|fire|carbon monoxide|co|car|house|burglar|security|clock|phone|door|alarm clock) (?:alarm|detector)s?\b"
)
_MEDIA_RE = lazy_pattern(
    r"^(?:play|put on|listen to|shuffle|queue|sing)\b|\b(?:song|album|version|playlist|radio|podcast|movie"
    r"|episode|band|lyrics|by the)\b"
)
# "is that a 911 thing", "is this considered an emergency": asking what counts, anywhere in the sentence.
_ASKS_ABOUT_RE = lazy_pattern(
    r"\b(?:is|was|would) (?:that|this|it|these|those)(?: be)? (?:a|an|considered|considered an?|counted as an?)"
    r" (?:911|emergency|urgent|ambulance)\b"
)
# Asking about an explicit word rather than reporting ("what counts as an emergency", "when is it time to
# call 911", "should we have an emergency plan"). Asking whether to call now is not this.
# A fear of what the emergency services will or won't do: "i'm nervous the paramedics won't know the pump".
_EXPLICIT_FEARED_RE = lazy_pattern(
    r"\b(?:dread|frightened|terrified|scared|afraid|worried|worry|nervous|anxious|fear)(?: that)?(?: \w+){0,3}$"
)
_IF_FIRST_RE = lazy_pattern(r"^(?:(?:um|uh|so|okay|ok|well|and) )*(?:if|say|suppose|supposing) ")
_IF_AFTER_RE = lazy_pattern(
    r" (?:if|when|in case) (?:the|it|he|she|they|i|we|you|my|his|her|their|there) (?!(?:\w+ ){0,2}(?:still|now"
    r"|already|keeps)\b)"
)
# An event said as a case after the explicit word, whoever asks: "... or call my doctor if the pump beeps".
_IF_EVENT_AFTER_RE = lazy_pattern(
    r" (?:if|when|in case|whenever) (?:the pump|the alarm|it|that|this)(?: \w+)? (?:beeps|alarms|goes off|sounds"
    r"|happens|starts|stops|runs out|runs low|runs dry|fails|breaks)\b"
)
_ASKS_NOW_RE = lazy_pattern(
    r"\b(?:should|do|can|must|shall) (?:i|we) (?:just )?(?:call|get|take|bring|phone|ring|dial|need to call"
    r"|need an|need to get|need to take|go to|drive|wait for)\b|\b(?:can|could|will|would) you (?:please )?(?:call"
    r"|get|send|phone)\b"
)


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
# A sign that stopped, said just before it: "my daughter stopped having seizures once her meds were sorted".
_ENDED_WHEN_FOUND_RE = lazy_pattern(
    r"\b(?:stopped|went away|eased|settled|cleared up|passed|wore off) (?:as soon as|once|when|after)(?: \w+){0,3}"
    r" (?:found|fixed|sorted|changed|replaced|refilled|treated|topped up|spotted)(?: \w+){0,2}$"
)
_STOPPED_BEFORE_RE = lazy_pattern(
    r"\b(?:stopped|quit|no longer) (?:having|getting|has|gets|have|get)(?: (?:any|the|her|his|their|those|these))?$"
    r"|\b(?:nearly|almost)$"  # "my wife nearly ran out of baclofen once": it did not happen
)
# Another subject joined after the sign: what follows it is about something else.
_ANOTHER_SUBJECT_RE = lazy_pattern(r"\b(?:and|but) (?:his|her|my|their|the|our|he|she|they|it) ")
# Now, said between a past event and the sign: "the refill was missed last week and tonight she's delirious".
_NOW_AFTER_PAST_RE = lazy_pattern(
    r"\b(?:now|right now|tonight|today|this (?:morning|evening|afternoon)|at the moment|currently|just now"
    r"|all of a sudden|suddenly)\b"
)


# A fear of what might come ("afraid of being paralyzed", "worried about him getting an infection").
# A fear named as a fear before the sign: "my worst nightmare is him overdosing", "the thought of something
# going wrong with the catheter keeps me up".
_FEAR_FRAME_RE = lazy_pattern(
    r"\b(?:(?:lie|lying|lay) awake|(?:wondering|worrying|thinking) (?:about )?what (?:could|might|would)"
    r"|overwhelmed (?:by|with|about)|(?:everything|anything|what|things) (?:that )?(?:could|might|can|may) go wrong"
    r"|(?:worst|biggest|greatest|main) (?:nightmare|fear|worry|dread)|(?:the|my) (?:thought|fear|idea|worry) of|what (?:scares|worries|frightens)"
    r" (?:me|us))\b"
)
# A fear said after the sign: "the scar getting infected is on my mind", "the fever part ... scares me".
_FEAR_AFTER_RE = lazy_pattern(
    r"\b(?:is|are|keeps?|has been) (?:on my mind|on our minds|playing on my mind|keeping me up)|\b(?:scares|worries"
    r"|frightens|terrifies) (?:me|us|him|her)\b|\bkeeps? me (?:up|awake)\b"
)
# A fear of what may come, said before the sign: a fear word followed by what it is of ("about the", "of
# being", "the day", "the pump running out"), or by a future ("that ... will take ages", "... might stop"),
# with no report of now between the fear and the sign. A negated will is not a future: "i'm scared she
# won't wake up" is now.
_FEAR_OF_WHAT_MAY_COME_RE = lazy_pattern(
    r"\b(?P<fear>dread|dreading|panic|panicking|frightened|terrified|scared|afraid|worried|worry|worries|worrying"
    r"|nervous|anxious|fret|fretting|fear|fearful)(?: (?:a lot|so much|constantly|sick|all the time))?"
    r" (?:(?:about|of|for) |the (?:day|thought|idea|moment|time) |(?:that )?(?:\w+ ){0,7}?(?:will|would|might"
    r"|could|may|going to|gonna|ever)\b(?! not\b)|(?:being|losing|getting|having|ending up|going)\b"
    r"|(?:the|my|his|her|our|their|a) \w+(?: \w+)? \w+ing\b)"
)
_PRESENT_REPORT_RE = lazy_pattern(
    r"\b(?:he|she|it|they|i|we|you|my \w+|his \w+|her \w+) (?:is|are|am|has|have) (?!been\b)"
    r"|\b(?:right now|at the moment|just now|now)\b"
)
_TALKED_ABOUT_RE = lazy_pattern(
    r" (?:\w+ ){0,2}?(?:they|people|you|doctors|nurses|the nurses?|the leaflet|the booklet) (?:talk|talked|read|hear"
    r"|heard|mention|mentioned|say|said|warn|warned|write|wrote) (?:about|of)\b"
)
_FEARED_RE = lazy_pattern(
    r"\b(?:afraid|scared|worried|worrying|worry|fearful|frightened|terrified|nervous|concerned|fear"
    r"|think about|thinking about) (?:of|about)"
    r"(?:(?: \w+)? (?:being|getting|becoming|going|having|ending up)(?: \w+)?| (?:the|my|his|her|their))?$"
)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding ``text[start:end]`` begins and ends."""
    begin = 0
    for found in _CLAUSE_BREAK_RE.finditer(text, 0, start):
        begin = found.end()
    after = _CLAUSE_BREAK_RE.search(text, end)
    return begin, after.start() if after else len(text)


def _veto(text: str, start: int, end: int, asking: bool = False) -> str | None:
    """What stops the match ``text[start:end]`` from being a report of danger now, or None.
    ``asking``: the utterance is a question by its form, so "someone" or "you" mean anyone."""
    if _MEDIA_RE.search(text):
        return "media request"
    if _OTHER_ALARM_RE.search(text) and "pump" not in text:
        return "another alarm"
    if _FEARED_RE.search(text[:start].rstrip()):
        return "feared"
    if _FEAR_FRAME_RE.search(text, 0, start) or _FEAR_AFTER_RE.search(text, end):
        return "feared"
    frame = _FEAR_FRAME_RE.search(text, 0, end)  # "my worst fear is the itching": the frame ends in the match
    if frame is not None and frame.end() < end and not _PRESENT_REPORT_RE.search(text, frame.end(), end):
        return "feared"
    fear = _FEAR_OF_WHAT_MAY_COME_RE.search(text)
    if (
        fear is not None
        and fear.start() < start
        and not _PRESENT_REPORT_RE.search(text, fear.end("fear"), start)
    ):
        return "feared"  # "i dread the day the battery alarm goes off", not "i'm scared, he is not breathing"
    if _TALKED_ABOUT_RE.match(text, end):  # "the itching they talk about with withdrawal": the sign discussed
        return "general"
    if _WONDERING_RE.search(text, 0, end):  # the sign within a few words of the wondering
        return "question"
    if asking and _SIGN_OF_AFTER_RE.match(text, end):  # "is one side weak a sign of a stroke"
        return "question"
    if _HOW_COMMON_AFTER_RE.search(text, end) or _ASKED_FOR_AFTER_RE.match(text, end):
        return "question"
    if _MEANS_BEFORE_RE.search(text[:start].rstrip()):
        return "question"
    if _MENTIONED_BEFORE_RE.search(text, 0, start):
        return "general"
    if asking and _A_PROBLEM_RE.search(text, start, end):  # "is sleeping on my front a problem with the pump"
        return "question"
    if _CASE_AFTER_RE.search(text, end) or _SOMEDAY_RE.search(text):
        return "hypothetical"
    if _NEXT_TIME_RE.search(text, 0, start):
        return "hypothetical"
    every_time = _EVERY_TIME_JUST_BEFORE_RE.search(text[:start].rstrip())
    if (asking and _EVERY_TIME_RE.search(text, 0, start)) or every_time:
        return "habit"  # "... to the er every time the pump beeps", not "every time i look at him he's blue"
    if _RESOLVED_AFTER_RE.search(text, end) or _STOPPED_BEFORE_RE.search(text[:start].rstrip()):
        return "over"
    if _ENDED_WHEN_FOUND_RE.search(text[:start].rstrip()):
        return "over"
    if _ENDED_RIGHT_AFTER_RE.match(text, end) or (
        text.endswith(("stopped", "quit"), start, end) and _STOPPED_WHEN_RE.match(text, end)
    ):
        return "over"
    before = text[:start].split()
    while before and (before[-1] in _DETERMINERS or before[-1] in _ARTICLES):  # "why would my legs ..."
        before = before[:-1]
    if before:
        previous = before[-1]
        if previous in _HABIT_BEFORE:
            return "habit"
        suspected = (  # "he might be having a stroke", said, not asked: a suspicion of now
            previous == "be" and len(before) > 2 and before[-2] in _SUSPECTING and not asking
        )
        if (
            previous in _INVERSION
            and not (previous == "do" and len(before) > 1 and before[-2] in _SUBJECT_PRONOUNS)
            and not suspected
        ):
            return "question"
    near = before[-2:]
    for index, word in enumerate(near):
        # "won't stop bleeding" goes on; "has not had a seizure" did not happen
        if word in _NEGATION and not (index + 1 < len(near) and near[index + 1] in _CONTINUING):
            return "negated"
    if asking and _CALL_FOR_ME_RE.search(text):
        asking = False  # "can you call someone, my husband collapsed": a plea, not a question
    if asking:
        clause_start = _clause(text, start, end)[0]
        if _RISK_QUESTION_RE.search(text, clause_start, start) or _HOW_MUCH_IS_TOO_RE.search(text):
            return "question"
        if _PREVENTION_RE.search(text):
            return "prevention"
        if any(word in _MEANING for word in before[-10:]):
            return "hypothetical"
    if len(before) >= 2 and before[-2] in _ATTRIBUTING and before[-1] in _OBJECTS:
        return "attributed"
    if _CANDIDACY_RE.search(text, end):  # "... for years, could the pump help": why they ask, whatever else
        return "candidacy"
    for index, word in enumerate(reversed(before[-15:])):
        if word in _BOUNDARY:
            break
        if word == "do" and index + 1 < len(before) and before[-index - 2] in _SUBJECT_PRONOUNS:
            break  # "what should I do, he ..." : "do" is the verb, the report starts after it
        following = before[len(before) - index] if index else ""
        supposing = word in _SUPPOSING and following not in ("since", "was", "been", "and", "but", "so")
        preceding = before[-index - 2] if index + 1 < len(before) else ""
        conditional = word in _CONDITIONAL and not (word == "once" and preceding == "at")  # "all at once"
        if conditional or supposing:  # "say he ...", not "what people say and ..."
            return "hypothetical"
        if word in _GENERIC or (asking and word in _GENERIC_IN_QUESTIONS):
            return "general"
        if word in _HABIT_BEFORE:
            return "habit"
    after = _AFTER_RE.match(text, end)
    if after is not None:
        return after.lastgroup.replace("_", " ").replace("long standing", "long-standing")
    clause_start, clause_end = _clause(text, start, end)
    past = _PAST_RE.search(text, clause_start, clause_end)
    if (
        past is not None
        and past.start() >= end
        and past.group().startswith("last ")
        and _ANOTHER_SUBJECT_RE.search(text, end, past.start())
    ):
        past = None  # "she's got a high fever ... and her pump refill was due last week": the refill was past
    if past is not None and not _NOW_AFTER_PAST_RE.search(text, past.end(), start):
        return "past"
    if _CONDITION_BEFORE_RE.search(text, 0, end) and not _ACUTE_RE.search(text):
        return "chronic condition"
    return None


def _always_veto(raw: str, text: str, rule: str, start: int, end: int) -> str | None:
    """What holds an ALWAYS rule back to the possible tier (it never goes below: 911 first, always).

    Crisis rules are never held back (a means and a last word together are one). An explicit word
    ("emergency", "911") asked about rather than
    reported is held back too ("what counts as an emergency"), unless they ask whether to call now."""
    if rule in ("suicide", "hopelessness_or_plan", "means_and_farewell"):
        return None
    veto = _veto(text, start, end, _asks(raw, text))
    if veto is not None:
        return veto
    if rule == "explicit":
        if _EXPLICIT_FRAME_RE.search(text):
            return "hypothetical"
        feared = _EXPLICIT_FEARED_RE.search(text[:start].rstrip())
        if feared is not None and not _PRESENT_REPORT_RE.search(text, feared.end(), start):
            return "feared"
        # asked about a case: "if the alarm sounded and she was fine, is it still urgent", "should I go to the
        # ER or call my doctor if the pump beeps" (not "... if he's still shaking": that is now)
        if _IF_FIRST_RE.search(text) and not _ASKS_NOW_RE.search(text):
            return "hypothetical"
        if (_asks(raw, text) and _IF_AFTER_RE.search(text, end)) or _IF_EVENT_AFTER_RE.search(text, end):
            return "hypothetical"
        if _ASKS_ABOUT_RE.search(text):
            return "question"
        if _asks(raw, text) and not _ASKS_NOW_RE.search(text):
            return "question"
    return None


_FILLERS = frozenset({"um", "uh", "so", "okay", "ok", "well", "hey", "and", "alexa", "oh"})


def _asks(raw: str, text: str) -> bool:
    """A question by its form: a question mark, or a question word first ("at what point" too)."""
    words = [word for word in text.split() if word not in _FILLERS]
    if "?" in raw:
        return True
    if not words:
        return False
    return words[0] in _QUESTION_START or (len(words) > 1 and words[1] in ("what", "which", "how"))


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
