"""What danger sounds like: the words, signs and rules the screen's patterns are built from (``rules``
compiles them). Data, not logic: a new way of saying a sign goes here, with a test in tests/test_safety.py."""

from __future__ import annotations

from itb_skill.safety.responses import CRISIS, EMERGENCY
from itb_skill.safety.text import lazy_pattern

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
    r"|(?:lost|losing) (?:my|his|her|their) (?:vision|sight)"
    r"|(?:lost|losing) (?:the |all )?(?:sight|vision) (?:in|of) (?:one|my|his|her|their|the \w+) eye"
    r"|(?:arm|leg|hand|side)(?: has| is)? gone (?:dead|numb|floppy)",
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
        r" )?(?:the )?(?:engine|car|motor) (?:running|on)|nothing (?:is|will) ever (?:going to )?(?:get|be) (?:any )?better|(?:drive|driving) (?:my|his|her|the) (?:car"
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
        r"(?:took|swallowed|taken) (?:a (?:whole )?bunch of|a lot of|a (?:whole )?handful of|loads of|lots of"
        r"|all (?:of )?(?:my|his|her|their|the))(?: \w+){0,2} (?:pills|meds|medicine|baclofen|tablets)"
        r"(?! (?:off|out|back|down|away|to|with|home|apart|on holiday|along|in (?:his|her|my|their) bag))|overdosed|overdosing"
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
    "blood_soaking": r"blood (?:is |keeps )?(?:soaking|seeping|coming|leaking) (?:through|out)|soaked (?:right )?(?:through )?(?:with|in) blood",
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
