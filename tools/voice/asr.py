"""Speech recognition with pocketsphinx 5 and a language model built from the interaction model.

The stock English model's open dictation is poor on synthetic speech; a small trigram model trained
on the skill's own sentences (``corpus.sentences``) recognizes in-domain questions nearly perfectly.
The model and its dictionary are rebuilt whenever the interaction model, the content or these rules
change (the cache directory is keyed on their hash, under ``build/voice/lm``).

Out-of-domain speech is rejected: the utterance is also decoded with a free phone loop (no words at
all), and when the path the language model forced onto it scores much worse than free phones do, per
frame, the result is "not understood" instead of a confident wrong sentence.

Tuned on espeak-ng's voices, whose robotic speech the stock acoustic model matches poorly (see
``make voice-check``): the decoder scores each frame against 16 Gaussians per codebook instead of 4
(the closest ones were often pruned away: +9 points of word accuracy on held-out in-domain sentences),
and audio gets a short lead-in and tail of near-silence, as a microphone recording has (the first word
was often lost when speech began at sample zero). The rejection threshold was then calibrated on 150
model sentences against 50 off-topic requests (``off_topic.txt``), per voice, where in-domain acceptance
and off-topic rejection are about equal (~90% each for espeak-ng; flite accepts every in-domain one).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from voice import corpus, lexicon, tts

# Path score per frame (log base 1.0001, as pocketsphinx's log math reports it) by which the word
# decode may trail the free phone loop before the utterance is rejected as out of domain.
REJECT_GAP_PER_FRAME = 10.0
# Share of probability held back for unseen word sequences: small, since the domain is closed.
DISCOUNT_MASS = 0.02
# Gaussians scored per frame (pocketsphinx ``topn``, default 4): more cost, much better on synthetic speech.
TOPN = 16
# Near-silence added before and after the audio, in milliseconds.
PAD_MS = 100


@dataclass(frozen=True)
class Recognition:
    text: str  # "" when nothing was understood
    accepted: bool
    gap: float  # per-frame score gap between the phone loop and the word decode (smaller is better)
    frames: int


def cache_root() -> Path:
    root = os.environ.get("VOICE_CACHE_DIR")
    base = Path(root) if root else corpus.ROOT / "build" / "voice"
    return base / "lm"


def build_language_model(
    model_path: Path = corpus.MODEL_PATH, content_path: Path = corpus.CONTENT_PATH
) -> tuple[Path, Path]:
    """(ARPA language model, dictionary) for the current interaction model, built once per model hash."""
    from pocketsphinx import get_model_path
    from pocketsphinx.lm import ArpaBoLM

    key = corpus.model_hash(model_path, content_path)
    folder = cache_root() / key
    arpa, dictionary = folder / "model.lm", folder / "model.dict"
    if arpa.exists() and dictionary.exists():
        return arpa, dictionary
    folder.mkdir(parents=True, exist_ok=True)
    lines = corpus.sentences(corpus.load_model(model_path), corpus.load_content(content_path))
    (folder / "sentences.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    builder = ArpaBoLM(text="\n".join(lines), add_start=True, discount_mass=DISCOUNT_MASS)
    builder.compute()
    tmp = folder / "model.lm.tmp"
    builder.write_file(str(tmp))
    known = lexicon.read_cmudict(Path(get_model_path("en-us/cmudict-en-us.dict")))
    entries = []
    for word in corpus.vocabulary(lines):
        for index, phones in enumerate(lexicon.pronunciations(word, known)):
            entries.append(f"{word}{'' if index == 0 else f'({index + 1})'} {phones}")
    tmp_dict = folder / "model.dict.tmp"
    tmp_dict.write_text("\n".join(entries) + "\n", encoding="utf-8")
    os.replace(tmp_dict, dictionary)
    os.replace(tmp, arpa)
    return arpa, dictionary


def padded(pcm: bytes, ms: int = PAD_MS) -> bytes:
    """16-bit PCM with ``ms`` of near-silence (a fixed, faint hiss: pure zeros have no log energy) on
    each side."""
    count = tts.SAMPLE_RATE * ms // 1000
    hiss = struct.pack(f"<{count}h", *((i * 7919 % 9) - 4 for i in range(count)))
    return hiss + pcm + hiss


class Recognizer:
    """One decoder for the skill's language model, one for the free phone loop."""

    def __init__(self, model_path: Path = corpus.MODEL_PATH, content_path: Path = corpus.CONTENT_PATH):
        self.lm_path, self.dict_path = build_language_model(model_path, content_path)

    @cached_property
    def words(self):
        from pocketsphinx import Config, Decoder, get_model_path

        config = Config(
            hmm=get_model_path("en-us/en-us"),
            lm=str(self.lm_path),
            dict=str(self.dict_path),
            topn=TOPN,
            loglevel="FATAL",
        )
        return Decoder(config)

    @cached_property
    def phones(self):
        from pocketsphinx import Config, Decoder, get_model_path

        config = Config(
            hmm=get_model_path("en-us/en-us"),
            allphone=get_model_path("en-us/en-us-phone.lm.bin"),
            lm=None,
            dict=str(self.dict_path),
            topn=TOPN,
            loglevel="FATAL",
        )
        return Decoder(config)

    def _decode(self, decoder, pcm: bytes) -> tuple[str, float, int]:
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        frames = decoder.n_frames()
        if hyp is None or hyp.score <= 0:
            return "", 0, frames
        return hyp.hypstr, decoder.get_logmath().log(hyp.score), frames

    def recognize_pcm(self, pcm: bytes) -> Recognition:
        pcm = padded(pcm)
        text, word_score, frames = self._decode(self.words, pcm)
        text = " ".join(w for w in text.split() if not w.startswith(("<", "[", "++")))
        if not text:
            return Recognition("", False, float("inf"), frames)
        _, phone_score, _ = self._decode(self.phones, pcm)
        gap = (phone_score - word_score) / max(frames, 1)
        return Recognition(text, gap <= REJECT_GAP_PER_FRAME, gap, frames)

    def recognize(self, wav: Path) -> Recognition:
        return self.recognize_pcm(tts.read_pcm16(tts.to_recognizer_wav(wav)))
