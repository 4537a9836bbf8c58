"""What the skill says about danger, as constants: no content file, storage or network can stop them.

Two tiers (see ``itb_skill.safety``): when the screen is sure, the full emergency response (911 first,
session ends); when danger is possible but not sure, or the skill did not understand, the 911 opener
comes first and the answer follows, session open.
"""

from __future__ import annotations

EMERGENCY = "emergency"
CRISIS = "crisis"  # thoughts of suicide or self-harm: 911 and the 988 Lifeline

EMERGENCY_SPEECH = (
    "Call 911 now. I can't call for you. If the person has a baclofen pump, tell the responders."
)
CRISIS_SPEECH = (
    "Call 911 now. I can't call for you. "
    "You can also call or text 988, the Suicide and Crisis Lifeline, any time. "
    "If the person has a baclofen pump, tell the responders."
)
EMERGENCY_CARD_TITLE = "Call 911 now"

# The first sentence of every reply the skill is not sure of: unmatched, unclear, broken, or a sign
# reported that the screen does not rate as an emergency.
OPENER = "If this is an emergency, call 911 now."

# Said when anything inside the skill broke: 911 first, like every reply the skill is not sure of.
ERROR_SPEECH = f"{OPENER} Sorry, something went wrong on my side. What would you like to ask?"
ERROR_REPROMPT = f"{OPENER} Otherwise, what would you like to ask?"


def emergency_speech(kind: str) -> str:
    return CRISIS_SPEECH if kind == CRISIS else EMERGENCY_SPEECH


def opens_with_911(speech: str) -> bool:
    """Whether the first sentence of ``speech`` (plain text) already sends the listener to 911."""
    first = speech.split(". ", 1)[0]
    return "911" in first
