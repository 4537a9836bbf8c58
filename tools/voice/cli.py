"""The voice side of ``skill-sim``: ``chat --speak`` (``speak_aloud``), ``say`` and ``talk``.

``skill_sim.cli`` registers the subcommands with ``add_commands`` and calls ``speak_aloud`` from its
chat; everything else about voice lives in this package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

VOICE_HELP = "voice: en-us (default), en-us+f3, en, flite-slt (with flite installed)"


def add_commands(commands) -> tuple[argparse.ArgumentParser, ...]:
    say = commands.add_parser("say", help="write the skill's spoken answer to a WAV file")
    say.add_argument("utterance", help="what the user says; the skill's answer is spoken")
    say.add_argument("-o", "--out", type=Path, required=True, help="WAV file to write (16 kHz mono)")
    say.add_argument("--text", action="store_true", help="speak the text itself, not the skill's answer")
    say.add_argument("--voice", default="en-us", help=VOICE_HELP)
    say.set_defaults(run_voice=run_say)

    talk = commands.add_parser("talk", help="a spoken conversation: the microphone, or WAV files in turn")
    talk.add_argument(
        "wavs", nargs="*", type=Path, metavar="WAV", help="recorded questions (default: microphone)"
    )
    talk.add_argument("-o", "--out-dir", type=Path, help="write each spoken answer as reply-NN.wav here")
    talk.add_argument("--voice", default="en-us", help=VOICE_HELP)
    talk.set_defaults(run_voice=run_talk)
    return say, talk


def _simulator_options(args: argparse.Namespace) -> dict:
    return {"repo": getattr(args, "repo", None), "locale": args.locale, "model": getattr(args, "model", None)}


def _cannot(error: object) -> int:
    print(f"skill-sim: {error}", file=sys.stderr)
    return 2


def run_say(args: argparse.Namespace) -> int:
    from voice import loop, tts

    try:
        speech = loop.say(args.utterance, args.out, args.voice, args.text, **_simulator_options(args))
    except tts.ToolMissing as error:
        return _cannot(error)
    print(f"wrote {speech.path} ({speech.seconds:.1f} s)")
    return 0


def run_talk(args: argparse.Namespace) -> int:
    from voice import loop, tts

    try:
        # A spoken conversation remembers you across runs, as chat does.
        return loop.talk(args.wavs, args.voice, args.out_dir, remember=True, **_simulator_options(args))
    except ModuleNotFoundError as error:
        return _cannot(f"{error}: install the voice packages with make voice-check (requirements-voice.txt)")
    except tts.ToolMissing as error:
        return _cannot(error)


def speak_aloud(text_or_ssml: str, voice: str = "en-us") -> bool:
    """For ``chat --speak``: speak a reply the way Alexa would read it. False when the voice tools are
    missing (the caller falls back to plain espeak-ng); without an audio device the WAV is kept."""
    from voice import tts

    if not (tts.have("espeak-ng") and tts.have("sox")):
        return False
    ssml = text_or_ssml if text_or_ssml.lstrip().startswith("<speak") else tts.plain_to_ssml(text_or_ssml)
    speech = tts.synthesize(ssml, voice)
    if not tts.play(speech.path):
        print(f"  (no audio device: spoken reply written to {speech.path})")
    return True
