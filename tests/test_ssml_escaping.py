"""Text with markup characters still makes valid SSML (speech.py escapes without xml.sax)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from itb_skill.speech import ssml_to_text, to_ssml


def test_ampersands_and_angle_brackets_are_escaped_and_read_back():
    ssml = to_ssml("Risks & benefits: <ask> your doctor > 2 times")
    assert ssml == "<speak>Risks &amp; benefits: &lt;ask&gt; your doctor &gt; 2 times</speak>"
    ElementTree.fromstring(ssml)  # well-formed, so Alexa accepts it
    assert ssml_to_text(ssml) == "Risks & benefits: <ask> your doctor > 2 times"
