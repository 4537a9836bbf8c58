"""The voice commands of ``skill-sim``: ``chat --speak``, ``say`` and ``talk``.

``skill_sim.cli`` calls ``add_commands`` and ``add_speak_option`` while building its parser, and
``speaker`` for ``chat --speak``; everything else about voice lives here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_speak_option(chat: argparse.ArgumentParser) -> None:
    chat.add_argument(
        "--speak", action="store_true", help="speak every reply aloud (needs espeak-ng and sox)"
    )
    chat.add_argument("--voice", default="en-us", help="espeak-ng voice for --speak (default en-us)")


def add_commands(commands) -> None:
    say = commands.add_parser("say", help="write the skill's spoken answer to a WAV file")
    say.add_argument("utterance", help="what the user says (the skill's answer is spoken)")
    say.add_argument("-o", "--out", type=Path, required=True, help="WAV file to write")
    say.add_argument("--text", action="store_true", help="speak the text itself, not the skill's answer")
    say.add_argument("--voice", default="en-us", help="voice: en-us, en-us+f3, en, flite-slt ...")
    say.set_defaults(run=run_say)

    talk = commands.add_parser("talk", help="a spoken conversation: microphone, or WAV files in turn")
    talk.add_argument("wavs", nargs="*", type=Path, help="recorded questions (default: the microphone)")
    talk.add_argument("-o", "--out-dir", type=Path, help="write each answer as reply-NN.wav here")
    talk.add_argument("--voice", default="en-us")
    talk.set_defaults(run=run_talk)


def _missing(error: Exception) -> int:
    print(f"skill-sim: {error}", file=sys.stderr)
    return 2


def run_say(args: argparse.Namespace) -> int:
    from voice import loop, tts

    try:
        speech = loop.say(args.utterance, args.out, voice=args.voice, verbatim=args.text)
    except tts.ToolMissing as error:
        return _missing(error)
    print(f"wrote {speech.path} ({speech.seconds:.1f} s)")
    return 0


def run_talk(args: argparse.Namespace) -> int:
    from voice import loop, tts

    try:
        return loop.talk(args.wavs, voice=args.voice, out_dir=args.out_dir)
    except ImportError as error:
        return _missing(
            f"{error}. Install the voice packages: make voice-check "
            "(or pip install -r requirements-voice.txt)"
        )
    except tts.ToolMissing as error:
        return _missing(error)


def speaker(args: argparse.Namespace):
    """For ``chat --speak``: a function that speaks a reply's SSML, or None (with a message why)."""
    if not getattr(args, "speak", False):
        return None
    from voice import tts

    try:
        tts.require("espeak-ng", "sox")
    except tts.ToolMissing as error:
        print(f"--speak: {error}; replies are shown as text only.", file=sys.stderr)
        return None

    def speak(ssml: str) -> None:
        if not ssml:
            return
        speech = tts.synthesize(ssml, args.voice)
        if not tts.play(speech.path):
            print(f"  (no audio device; spoken reply written to {speech.path})")

    return speak
