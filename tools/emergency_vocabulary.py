"""Grow the interaction model's SymptomType from vocabulary, not from single tuned phrasings.

Each emergency sign is described as parts of speech people combine freely: a thing (legs, incision,
catheter, pump), what it is doing (going numb, leaking, came apart, keeps beeping) and a place or
a tail (from the incision, and won't stop). Their cross product is added to the sign's synonyms, so the
EmergencyIntent templates ("{person} is {symptom}", "my {symptom}", "{symptom}"...) cover phrasings
nobody wrote down, and the voice loop's language model (built from the model's sentences) knows
the words. Existing values and ids are kept; a phrase already owned by another id is skipped.

    python tools/emergency_vocabulary.py        rewrite the model's SymptomType in place
    python tools/emergency_vocabulary.py --check   exit 1 when the model is not up to date
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parent.parent / (
    "interaction_model/skill-package/interactionModels/custom/en-US.json"
)
TYPE = "SymptomType"


def cross(*parts: list[str]) -> list[str]:
    """Every combination, words joined by single spaces (an empty part adds nothing)."""
    return [" ".join(w for w in combo if w) for combo in itertools.product(*parts)]


STOP_TAIL = ["and won't stop", "and can't stop", "nonstop"]
# Where fluid or pus comes from (the model's templates add "my", "his", "the" in front of a report).
PLACES = ["my incision", "his incision", "her incision", "the incision", "my back", "his back", "her back"]

# Kept small on purpose: the offline simulator compiles every value into every sample's pattern, and
# reports that start with a subject ("my ...", "he's ...") reach the screening through ReportIntent.
VOCABULARY: dict[str, list[str]] = {
    "NOT_BREATHING": [
        *cross(
            ["not breathing", "barely breathing", "hardly breathing", "struggling to breathe"], ["", "right"]
        ),
        *cross(["gasping", "wheezing"], ["", "for air", "and can't talk"]),
        *cross(["lips are", "face is"], ["turning blue", "blue", "going blue"]),
        "going blue",
        # the colour of someone short of air, said without a subject ("turning grey")
        *cross(
            ["turning", "going", "lips are", "lips are turning", "face is turning"],
            ["grey", "gray", "purple"],
        ),
        *cross(["can't catch his", "can't catch her", "can't catch my"], ["breath"]),
        "making gurgling sounds",
        "can't get air",
        "quit breathing",
    ],
    "UNCONSCIOUS": [
        *cross(["not responding", "won't respond", "not answering"], ["", "to me"]),
        *cross(["keeps", ""], ["passing out", "blacking out", "fainting", "collapsing"]),
        "barely conscious",
        "barely awake",
        "collapsed on the floor",
        "knocked out",
        "can't wake up",
        "dropped to the floor",
        "slumped over",
        "won't come to",
        "out cold",
    ],
    "SEIZURE": [
        *cross(["shaking", "jerking", "twitching", "convulsing"], STOP_TAIL + ["and can't talk"]),
        "having seizures",
        "still jerking",
        "still shaking",
        "eyes rolled back",
        *cross(["thrashing", "thrashing around"], ["", "and won't stop"]),
        "having a fit",
    ],
    "CHEST_PAIN": [
        *cross(
            ["chest"],
            ["is hurting", "hurts really bad", "hurts so bad", "feels heavy", "is heavy", "is killing me"],
        ),
        *cross(["heart is", "pulse is"], ["beating so fast", "beating super fast", "going crazy"]),
        "crushing chest pain",
        "crushing pain in my chest",
        *cross(["clutching", "grabbing"], ["his chest", "her chest", "my chest"]),
        "drenched in sweat",
        "sweating buckets",
    ],
    "STROKE": [
        *cross(["face is", "mouth is"], ["drooping on one side", "crooked", "numb on one side"]),
        *cross(
            ["half of his face", "half of her face", "half of my face", "one side of his face", "face"],
            ["isn't moving", "is drooping", "went numb"],
        ),
        "slurring his words all of a sudden",
        "slurring her words all of a sudden",
        "talking funny all of a sudden",
        "suddenly can't talk",
        "suddenly can't speak",
        "can't lift one arm",
        "weak on one side",
    ],
    "BLEEDING": [
        *cross(["bleeding"], ["everywhere", "badly", "really bad", "so much", "and won't stop"]),
        *cross(["blood"], ["all over", "keeps coming", "won't stop", "is everywhere"]),
        "losing a lot of blood",
        "can't stop the bleeding",
        "cut won't stop bleeding",
    ],
    "FALL": [
        *cross(
            ["fell", "just fell", "had a fall"],
            [
                "and is bleeding",
                "and is hurt",
                "and broke something",
                "out of bed",
                "and hurt his back",
                "and hurt her back",
            ],
        ),
        "broke my hip",
        "broke his hip",
        "broke her hip",
        "hit his head hard",
        "hit her head hard",
    ],
    "VOMITING": [
        *cross(
            ["throwing up", "vomiting", "puking"], ["all day", "for hours", "and won't stop", "over and over"]
        ),
        *cross(["won't stop", "keeps"], ["puking"]),
        "can't keep anything down",
    ],
    "SUICIDAL": [
        *cross(
            ["thinking about", "talking about"],
            [
                "killing himself",
                "killing herself",
                "ending my life",
                "ending his life",
                "ending her life",
                "suicide",
            ],
        ),
        "wants to end it all",
        "want to end it all",
        "doesn't want to live anymore",
        "better off dead",
    ],
    "OVERDOSE": [
        *cross(["got", "was given"], ["too much baclofen", "too much medicine from the pump", "an overdose"]),
        "overdosed on baclofen",
        "overdosing",
        "pump gave too much",
    ],
    "HIGH_FEVER": [
        "really hot",
        "super hot",
        "a really high fever",
        "a very high fever",
        "running a high fever",
        "burning up and confused",
    ],
    "CONFUSION": [
        "super confused",
        "so confused",
        "suddenly confused",
        "confused and hot",
        "doesn't know who i am",
        "talking gibberish",
        "not making any sense",
        "not herself",
        "not himself",
        "seeing things",
    ],
    "SPASTICITY_RETURN": [
        *cross(
            ["spasms", "spasticity", "stiffness"],
            ["came back all at once", "are back really bad", "are out of control", "got way worse"],
        ),
        "spasticity came back",
    ],
    "RIGIDITY": [
        *cross(["muscles are", "legs are", "arms are"], ["rigid", "locked up", "rock hard"]),
        "can't bend my legs",
        "can't bend his legs",
        "can't bend her legs",
        "muscles locked up",
        *cross(["suddenly", "suddenly really"], ["stiff", "tight"]),
        "muscles are locking up",
        "rigid all over",
    ],
    "ITCHING": [
        "itching like crazy",
        "itchy and tingling",
        "itching and tingling",
        "itchy and tingling everywhere",
    ],
    "LOW_BLOOD_PRESSURE": [
        "blood pressure is very low",
        "blood pressure is crashing",
        "blood pressure crashed",
    ],
    "TINGLING": [
        "tingling everywhere",
        "tingly all over",
        "tingling in my legs",
        "pins and needles everywhere",
    ],
    "PUMP_ALARM": [
        *cross(
            ["pump", "pump alarm", "alarm"],
            ["keeps beeping", "won't stop beeping", "keeps going off", "won't stop going off", "won't stop"],
        ),
        "pump is alarming",
        *cross(["pump is", "pump alarm is"], ["screaming", "going crazy", "shrieking"]),
        "pump alarm is beeping",
    ],
    "PUMP_STOPPED": [
        *cross(["pump", "pump is"], ["ran out of medicine", "out of medicine", "died", "quit", "dead"]),
        "ran out of medicine",
        "out of baclofen",
    ],
    "CATHETER_PROBLEM": [
        *cross(
            ["catheter", "tube"],
            ["came apart", "came loose", "broke", "snapped", "got pulled out", "is cracked", "disconnected"],
        ),
        *cross(["something is wrong with", "something's wrong with"], ["the catheter", "the tube"]),
    ],
    "DROWSY": [
        *cross(["way too", "too", "super"], ["sleepy", "drowsy", "groggy"]),
        *cross(["can't keep"], ["him awake", "her awake"]),
        "nodding off",
        "keeps nodding off",
        "dozing off",
        "hard to wake up",
        "so groggy",
    ],
    "DIZZY": ["so dizzy i can't stand", "dizzy and can't stand up", "lightheaded and can't stand"],
    "FLOPPY": [
        *cross(["went", "is going"], ["limp", "floppy"]),
        *cross(["body", "whole body", "arms", "legs"], ["went limp", "is limp", "is floppy"]),
        "weak and floppy",
        "weak and floppy all over",
        "like a rag doll",
    ],
    "MENINGITIS": [
        *cross(["headache", "a bad headache", "high fever", "a high fever"], ["and a stiff neck"]),
        *cross(
            [
                "splitting headache",
                "pounding headache",
                "headache that won't go away",
                "a headache that won't go away",
                "worst headache of my life",
            ],
            ["", "since the surgery", "and a fever"],
        ),
        "can't bend my neck",
        "neck is so stiff",
    ],
    "FLUID_LEAK": [
        *cross(
            ["clear fluid", "fluid", "water"],
            [
                "is leaking",
                "leaking",
                "is coming out",
                "coming out",
                "is dripping",
                "dripping",
                "is draining",
            ],
        ),
        *cross(["clear fluid is leaking from", "clear fluid leaking from", "water is dripping from"], PLACES),
        *cross(["clear fluid is coming out of", "clear fluid coming out of"], PLACES),
        "incision is dripping",
        "back is wet",
        "incision keeps leaking",
        "wound is leaking",
    ],
    "WOUND_INFECTION": [
        *cross(
            ["incision", "wound", "cut", "scar"],
            [
                "is red",
                "is swollen",
                "is all red",
                "is all red and oozing",
                "opened up",
                "came open",
                "is open",
                "split open",
                "is puffy",
                "is swollen and hot",
            ],
        ),
        "pus is coming out",
        "yellow stuff is coming out",
        *cross(["pus is coming out of", "pus coming out of", "pus is oozing from"], PLACES[:4]),
    ],
    "PARALYSIS": [
        *cross(
            ["legs", "legs are", "feet", "leg"],
            [
                "going numb",
                "numb",
                "went numb",
                "getting numb",
                "going weak",
                "dead",
                "gave out",
                "giving out",
                "gave way",
                "not moving",
                "paralyzed",
                "went dead",
            ],
        ),
        *cross(["suddenly can't"], ["move my legs", "move his legs", "move her legs", "walk", "stand"]),
    ],
}


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def grow(document: dict) -> int:
    """Add the vocabulary to SymptomType; return how many synonyms were added."""
    types = document["interactionModel"]["languageModel"]["types"]
    symptom = next(t for t in types if t["name"] == TYPE)
    owner: dict[str, str] = {}
    for value in symptom["values"]:
        for form in [value["name"]["value"], *value["name"].get("synonyms", [])]:
            owner.setdefault(_key(form), value["id"])
    by_id = {value["id"]: value for value in symptom["values"]}
    added = 0
    for value_id, phrases in VOCABULARY.items():
        value = by_id[value_id]
        synonyms = value["name"].setdefault("synonyms", [])
        for phrase in phrases:
            key = _key(phrase)
            if not key or re.search(r"\d", key) or key in owner:
                continue
            owner[key] = value_id
            synonyms.append(key)
            added += 1
    return added


def render_type_lines(document: dict) -> list[str]:
    types = document["interactionModel"]["languageModel"]["types"]
    symptom = next(t for t in types if t["name"] == TYPE)
    lines = [f"            {json.dumps(v, ensure_ascii=False)}" for v in symptom["values"]]
    return [line + ("," if i < len(lines) - 1 else "") for i, line in enumerate(lines)]


def main(argv: list[str]) -> int:
    text = MODEL.read_text(encoding="utf-8")
    document = json.loads(text)
    added = grow(document)
    if "--check" in argv:
        print(f"{added} vocabulary phrases missing from {TYPE}" if added else "up to date")
        return 1 if added else 0
    # Rewrite only the SymptomType value lines, so the hand-formatted file keeps its layout.
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if f'"name": "{TYPE}"' in line) + 2
    end = start
    while lines[end].strip().startswith('{"id"'):
        end += 1
    lines[start:end] = render_type_lines(document)
    new = "\n".join(lines)
    json.loads(new)
    MODEL.write_text(new, encoding="utf-8")
    print(f"added {added} phrases to {TYPE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
