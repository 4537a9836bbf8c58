"""What stops a match from being a report of danger now: the context around it (a question, a case, a fear,
a past or finished event, a habit, a long-standing condition), each a named veto the finding carries."""

from __future__ import annotations

from itb_skill.safety.text import lazy_pattern

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
    r"|\b(?:they|the doctors?|the nurses?|the surgeon|the team|doctors|nurses) (?:said|told us|told me) (?:that|it)"
    r" (?:was|is) (?:normal|expected|fine|nothing to worry about|to be expected)\b"
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
    r"(?: \w+){0,6}? (?:has |had |then |soon )?(?:stopped|passed|eased off|wore off|went away|died down"
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
    r"\b(?:(?:could|would|does|do|can|might|may) (?:that|this|it|they) mean"
    r"|(?<!\bi )(?<!\byou )(?<!\bwe )(?:mean|means|meant))(?: that)?(?: \w+){0,2}$"  # not the filler "i mean"
    r"|\b(?:put|send|make|leave|knock|cause) (?:someone|somebody|a person|people|you|anyone|anybody)(?: \w+){0,2}$"
    r"|\b(?:put|send|knock|leave)$"
)
_WHAT_DAY_RE = lazy_pattern(r"\bwhat (?:day|date|time|year|month)\b")
_ASKED_FOR_AFTER_RE = lazy_pattern(
    r"(?: \w+){0,2}? (?:can|could|would|will) you (?:please )?(?:tell|remind) me\b"
)
_SOMEDAY_RE = lazy_pattern(
    r"\b(?:some day|someday|one day|one of these days|in the future)\b(?! (?:after|since|later|ago|before|post))"
    # "one night" is a case only after a future: "i'm terrified i won't wake up one morning", not a story
    r"|\b(?:will|would|might|could|may|going to|gonna)\b(?: \w+){0,8} one (?:morning|night|evening|afternoon)\b"
)
# A sign asked about by what it means, said right after it: "is itching a sign of withdrawal".
_SIGN_OF_AFTER_RE = lazy_pattern(
    r" (?:a |an )?(?:early |warning |common |usual |normal )?(?:sign|signs|symptom|symptoms|side effects?"
    r"|warning sign|normal)\b|(?: \w+){0,2}? (?:something|a thing|what) (?:that )?(?:comes|goes|happens) with\b"
)
# How common a sign is, asked after it: "bleeding and bruising is that common after the surgery".
_HOW_COMMON_AFTER_RE = lazy_pattern(
    r"\b(?:is|are) (?:that|it|this|they|those) (?:a (?:real )?thing|(?:common|usual|likely|rare)\b)"
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
    r"|\bin case (?:(?:he|she|i|we|they|you|it|my \w+) )?(?:is |are |am )?(?:ever|needs|gets|goes|stops|has)\b"
    r"|\bif (?:i am|we are|you are|they are) (?:not sure|unsure|in doubt)\b|\bwhich (?:one )?(?:should|do) (?:i|we)"
    r" (?:call|ring|phone)\b"
    r"|\b(?:in|for|during)(?: case of| the event of)? (?:an |a |the |any )?(?:emergency|emergencies)\b|\b(?:would|will|know to|knows to"
    r"|going to|plan to) call 911\b|\b(?:emergency|urgent|911) (?:plan|card|bracelet|contact|contacts|number|numbers"
    r"|kit|information|info|instructions|letter|wallet card)\b"
    # when to call, asked: "when should i ring nine one one about the pump", "how do i know when to call 911"
    r"|\b(?:when|at what point|how do (?:i|we) know when|how will (?:i|we) know when)"
    r" (?:should (?:i|we) |do (?:i|we) |would (?:i|we) |must (?:i|we) |to )?(?:call|ring|phone|dial|go)\b"
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
    r"|episode|band|lyrics)\b"  # not "by the": "getting worse by the minute"
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
_EXPLICIT_WILL_RE = lazy_pattern(
    r"(?: \w+)? (?:will|would|might|could|may|is going to|are going to|will not|would not|cannot|can not)\b"
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
    if _HOW_COMMON_AFTER_RE.search(text, end):
        return "question"
    if _ASKED_FOR_AFTER_RE.match(text, end) and _WHAT_DAY_RE.search(text, start, end):
        return "question"  # "i don't know what day it is, can you tell me": the date asked, not confusion
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
        if (
            feared is not None
            and _EXPLICIT_WILL_RE.match(text, end)
            and not _PRESENT_REPORT_RE.search(text, feared.end(), start)
        ):
            return "feared"  # the services feared for what they will do, not called for: "... won't know the pump"
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
