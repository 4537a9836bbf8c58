"""The voice loop: audio in (a WAV file or a microphone), recognized, answered by the skill through
the simulator in-process, and the answer spoken (played aloud, or written to WAV files)."""

from __future__ import annotations

import glob
import shutil
import subprocess
import tempfile
from functools import cached_property
from pathlib import Path

from skill_sim import envelope
from skill_sim.simulator import Simulator
from voice import asr, tts

FALLBACK = "AMAZON.FallbackIntent"


def has_microphone() -> bool:
    """A capture device exists and sox's ``rec`` can record from it."""
    return bool(glob.glob("/dev/snd/pcmC*D*c")) and shutil.which("rec") is not None


def has_speaker() -> bool:
    return bool(glob.glob("/dev/snd/pcmC*D*p")) and any(shutil.which(t) for t in ("aplay", "play", "paplay"))


def record_utterance(path: Path, max_seconds: int = 12) -> Path:
    """Record from the default microphone until the speaker pauses (sox silence detection)."""
    subprocess.run(
        [
            "rec",
            "-q",
            "-r",
            str(tts.SAMPLE_RATE),
            "-c",
            "1",
            "-b",
            "16",
            str(path),
            "silence",
            "1",
            "0.1",
            "1%",
            "1",
            "1.2",
            "1%",
            "trim",
            "0",
            str(max_seconds),
        ],
        check=True,
    )
    return path


def understood(result: asr.Recognition) -> str | None:
    """The text passed on to the skill, or None when nothing was understood.

    Fail-safe: a hypothesis the recognizer would reject as out of domain is still passed on when the
    skill's own emergency screen finds danger in it. A false alarm costs a "call 911" the user can
    ignore; a dropped emergency costs far more (the skill makes the same trade in its handlers)."""
    if result.accepted:
        return result.text
    from itb_skill import safety

    return result.text if result.text and safety.assess(result.text).tier else None


class VoiceLoop:
    """One device: hears audio, passes what it understood to the skill, speaks the answer."""

    def __init__(self, voice: str = tts.DEFAULT_VOICE, **simulator_options):
        self.voice = voice
        self.sim = Simulator(**simulator_options)

    @cached_property
    def recognizer(self) -> asr.Recognizer:
        return asr.Recognizer(model_path=self.sim.model_file)

    def hear(self, wav: Path) -> asr.Recognition:
        return self.recognizer.recognize(Path(wav))

    def answer(self, text: str | None) -> envelope.Heard | None:
        """The skill's answer to what was understood; ``None`` text means nothing was understood:
        inside a session the skill gets the fallback intent (as from Alexa), outside one nothing."""
        if text:
            return self.sim.say(text).heard
        if self.sim.session is None:
            return None
        heard = envelope.send(self.sim.handler, self.sim.session, envelope.intent_request(FALLBACK))
        if heard.end_session is not False:
            self.sim.session = None
        return heard

    def speak(self, heard: envelope.Heard, out: Path | None = None) -> tts.Speech:
        return tts.synthesize(heard.ssml, self.voice, out=out)


_IN_SESSION: VoiceLoop | None = None


def answer_in_session(text: str | None) -> envelope.Heard | None:
    """The answer to ``text`` said in a fresh conversation right after the welcome."""
    global _IN_SESSION
    if _IN_SESSION is None:
        _IN_SESSION = VoiceLoop()
    _IN_SESSION.sim.launch()
    return _IN_SESSION.answer(text)


def say(
    utterance: str, out: Path, voice: str = tts.DEFAULT_VOICE, verbatim: bool = False, **simulator_options
) -> tts.Speech:
    """Write the skill's answer to ``utterance`` (or, ``verbatim``, the text itself) to ``out``."""
    if verbatim:
        return tts.synthesize(tts.plain_to_ssml(utterance), voice, out=out)
    loop = VoiceLoop(voice, **simulator_options)
    heard = loop.sim.ask(utterance).heard
    if heard is None or not heard.ssml:
        raise ValueError(f"the skill gave no speech for {utterance!r}")
    print(f"skill: {heard.speech}")
    return loop.speak(heard, out=out)


def talk(
    wavs: list[Path],
    voice: str = tts.DEFAULT_VOICE,
    out_dir: Path | None = None,
    aloud: bool | None = None,
    **simulator_options,
) -> int:
    """A conversation from WAV files (one utterance each) or, with none given, from the microphone."""
    tts.require("espeak-ng", "sox")
    loop = VoiceLoop(voice, **simulator_options)
    aloud = has_speaker() if aloud is None else aloud
    if out_dir is None and not aloud:
        out_dir = Path(tempfile.mkdtemp(prefix="skill-talk-"))
    turn = 0

    def reply(heard: envelope.Heard | None) -> None:
        nonlocal turn
        turn += 1
        if heard is None or not heard.ssml:
            print("skill: (nothing: Alexa did not understand and no session is open)")
            return
        print(f"skill: {heard.speech}")
        target = out_dir / f"reply-{turn:02d}.wav" if out_dir else None
        speech = loop.speak(heard, out=target)
        if target:
            print(f"       -> {target} ({speech.seconds:.1f} s)")
        if aloud:
            tts.play(speech.path)

    def one(wav: Path) -> envelope.Heard | None:
        result = loop.hear(wav)
        text = understood(result)
        shown = text if text else f"(not understood; closest: {result.text!r})"
        print(f"you:   {shown}")
        heard = loop.answer(text)
        reply(heard)
        return heard

    if wavs:
        for wav in wavs:
            one(Path(wav))
        return 0
    if not has_microphone():
        print(
            "skill-sim talk: no microphone here (no capture device in /dev/snd, or sox's 'rec' missing).\n"
            "Give recorded questions instead:  skill-sim talk q1.wav q2.wav\n"
            "(make one with:  skill-sim say --text 'how big is the pump' -o q1.wav)"
        )
        return 2
    print("Listening. Speak after each answer; say 'stop' to finish, Ctrl-C to quit.")
    reply(loop.sim.launch().heard)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            while loop.sim.session is not None:
                heard = one(record_utterance(Path(tmp) / f"you-{turn:02d}.wav"))
                if heard is None:
                    break
        except KeyboardInterrupt:
            print()
    return 0
