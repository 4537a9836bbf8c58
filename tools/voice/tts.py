"""Text to speech: SSML normalized for espeak-ng, synthesized, converted to 16 kHz mono WAV.

espeak-ng reads SSML with ``-m`` but not the way Alexa does: it ignores ``<say-as>`` (so "911" becomes
"nine hundred eleven" and a telephone number is read with "dash"), and it says "dot" for a period that
follows a closing tag at the end of the text. ``normalize_ssml`` rewrites the skill's SSML into what
espeak-ng reads the way Alexa would; ``synthesize`` runs the tools and caches results by content hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Voices used by the check: (engine, voice). espeak-ng voices are variants of its own synthesizer;
# flite is a different engine altogether, when installed.
VOICES: dict[str, tuple[str, str]] = {
    "en-us": ("espeak-ng", "en-us"),
    "en-us+f3": ("espeak-ng", "en-us+f3"),
    "en": ("espeak-ng", "en"),
    "flite-slt": ("flite", "slt"),
}
DEFAULT_VOICE = "en-us"
# What ``make voice-check`` speaks with by default (those installed): two espeak-ng voices and flite.
CHECK_VOICES = ("en-us", "en-us+f3", "flite-slt")
SAMPLE_RATE = 16000
# Bump when normalization or conversion changes, so cached WAVs are not reused across versions.
_CACHE_VERSION = "1"

# Tags espeak-ng understands and reads the way Alexa does; every other tag is removed (its text kept).
_KEPT_TAGS = {"speak", "break", "prosody", "p", "s", "emphasis"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)([^>]*?)(/?)>")
_SAY_AS = re.compile(
    r"<say-as\b[^>]*interpret-as\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</say-as>", re.DOTALL | re.IGNORECASE
)
_SHORT_NUMBERS = re.compile(r"\b(911|988)\b")
_PLAIN_PHONE = re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}-)\d{3}-\d{4}\b")
_PUNCT_AFTER_CLOSE = re.compile(r"((?:</[a-zA-Z][\w:.-]*>)+)\s*([.,;:!?]+)")


class ToolMissing(RuntimeError):
    """An audio tool (espeak-ng, flite, sox) is not installed."""


def spaced_digits(text: str) -> str:
    """ "911" -> "9 1 1": each digit spoken on its own."""
    return " ".join(ch for ch in text if ch.isdigit())


def telephone(text: str) -> str:
    """ "800-436-7936" -> "8 0 0, 4 3 6, 7 9 3 6": digits in groups with a short pause, no "dash"."""
    groups = [g for g in re.split(r"[^0-9]+", text) if g]
    return ", ".join(spaced_digits(g) for g in groups)


def _say_as(match: re.Match) -> str:
    kind, inner = match.group(1).lower(), match.group(2)
    if kind in ("digits", "telephone", "characters", "spell-out") and re.fullmatch(r"[\d\s().+-]+", inner):
        return telephone(inner) if kind == "telephone" else spaced_digits(inner)
    return inner  # any other interpretation: keep the words, drop the tag


def _keep_known_tags(match: re.Match) -> str:
    name = match.group(2).lower()
    return match.group(0) if name in _KEPT_TAGS else ""


def normalize_ssml(ssml: str) -> str:
    """The skill's SSML rewritten so that espeak-ng (``-m``) says what Alexa would say."""
    text = _SAY_AS.sub(_say_as, ssml)
    # Bare emergency numbers in text are read digit by digit, as the skill means them.
    # So are bare telephone numbers (plain text, as ``chat`` shows it), grouped and without "dash".
    text = _split_outside_tags(text, _bare_numbers)
    text = _TAG.sub(_keep_known_tags, text)
    # A period right after a closing tag is read as "dot": move punctuation inside the tag.
    text = _PUNCT_AFTER_CLOSE.sub(lambda m: m.group(2) + m.group(1), text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text.startswith("<speak"):
        text = f"<speak>{text}</speak>"
    return text


def _bare_numbers(chunk: str) -> str:
    chunk = _PLAIN_PHONE.sub(lambda m: telephone(m[0]), chunk)
    return _SHORT_NUMBERS.sub(lambda m: spaced_digits(m[1]), chunk)


def _split_outside_tags(text: str, change) -> str:
    parts = re.split(r"(<[^>]+>)", text)
    return "".join(part if part.startswith("<") else change(part) for part in parts)


def plain_to_ssml(text: str) -> str:
    from xml.sax.saxutils import escape

    return f"<speak>{escape(text)}</speak>"


# ---- synthesis ----


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def require(*tools: str) -> None:
    missing = [tool for tool in tools if not have(tool)]
    if missing:
        raise ToolMissing(
            f"{', '.join(missing)} not installed. Install the voice packages with: "
            "sudo apt-get install -y espeak-ng sox   (flite is optional)"
        )


def available_voices(names=CHECK_VOICES) -> list[str]:
    return [name for name in names if have(VOICES[name][0])]


def cache_dir() -> Path:
    root = os.environ.get("VOICE_CACHE_DIR")
    path = Path(root) if root else Path(__file__).resolve().parents[2] / "build" / "voice" / "wav"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Speech:
    path: Path
    seconds: float


def synthesize(ssml: str, voice: str = DEFAULT_VOICE, out: Path | None = None, rate: int = 175) -> Speech:
    """Speak ``ssml`` with ``voice`` into a 16 kHz mono 16-bit WAV (cached by content hash).

    ``rate`` is espeak-ng's words per minute (175 is its normal pace)."""
    engine, name = VOICES.get(voice, ("espeak-ng", voice))
    require(engine, "sox")
    normalized = normalize_ssml(ssml)
    key = hashlib.sha256(f"{_CACHE_VERSION}|{engine}|{name}|{rate}|{normalized}".encode()).hexdigest()[:24]
    cached = cache_dir() / f"{key}.wav"
    if not cached.exists():
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.wav"
            if engine == "flite":
                text = _ssml_to_plain(normalized)
                subprocess.run(["flite", "-voice", name, "-t", text, "-o", str(raw)], check=True)
            else:
                subprocess.run(
                    ["espeak-ng", "-m", "-v", name, "-s", str(rate), "-w", str(raw), normalized],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            partial = Path(tmp) / "out.wav"
            # -R: no dither randomness, so the same text gives the same bytes every time.
            subprocess.run(
                ["sox", "-V1", "-R", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(partial)],
                check=True,
            )
            os.replace(partial, cached)  # atomic: parallel workers never see half a file
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, out)
        return Speech(out, wav_seconds(out))
    return Speech(cached, wav_seconds(cached))


def _ssml_to_plain(ssml: str) -> str:
    from html import unescape

    text = re.sub(r"<break[^>]*>", ", ", ssml)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def wav_seconds(path: Path) -> float:
    """Duration of a PCM WAV from its header (no tools needed)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path} is not a WAV file")
    pos, byte_rate, size = 12, None, None
    while pos + 8 <= len(data):
        chunk, length = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if chunk == b"fmt ":
            byte_rate = struct.unpack("<I", data[pos + 16 : pos + 20])[0]
        elif chunk == b"data":
            size = min(length, len(data) - pos - 8)
            break
        pos += 8 + length + (length & 1)
    if not byte_rate or size is None:
        raise ValueError(f"{path}: no fmt/data chunk")
    return size / byte_rate


def read_pcm16(path: Path) -> bytes:
    """The raw 16-bit samples of a WAV written by ``synthesize`` (or any 16 kHz mono PCM WAV)."""
    with open(path, "rb") as handle:
        data = handle.read()
    pos = 12
    while pos + 8 <= len(data):
        chunk, length = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if chunk == b"data":
            return data[pos + 8 : pos + 8 + length]
        pos += 8 + length + (length & 1)
    raise ValueError(f"{path}: no data chunk")


def to_recognizer_wav(path: Path) -> Path:
    """Any audio file as 16 kHz mono 16-bit WAV (sox), for recognition; returned as is when it already is."""
    header = Path(path).read_bytes()[:44]
    if header[:4] == b"RIFF" and header[8:12] == b"WAVE":
        channels, rate, bits = (
            struct.unpack("<H", header[22:24])[0],
            struct.unpack("<I", header[24:28])[0],
            struct.unpack("<H", header[34:36])[0],
        )
        if (channels, rate, bits) == (1, SAMPLE_RATE, 16):
            return Path(path)
    require("sox")
    out = Path(tempfile.mkdtemp()) / "in16k.wav"
    subprocess.run(
        ["sox", "-V1", "-R", str(path), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out)], check=True
    )
    return out


def play(path: Path) -> bool:
    """Play a WAV on the default audio device if there is one; False when nothing could play it."""
    for command in (["aplay", "-q", str(path)], ["play", "-q", str(path)], ["paplay", str(path)]):
        if have(command[0]):
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if result.returncode == 0:
                return True
    return False
