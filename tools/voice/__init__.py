"""Offline voice loop for the skill: speak its replies (espeak-ng/flite + sox), recognize spoken
questions (pocketsphinx with a language model built from the interaction model), and measure both.

Developer tooling, never shipped in the function. The pure parts (SSML normalization, the language
model's sentences, the pronunciation lexicon) need no audio tools and are unit-tested; the audio parts
run in ``make voice-check``.
"""
