"""Headless Chromium (Debian's ``chromium``): the page printed to PDF, a screenshot, and the DOM after layout.

Started with the flags this machine needs (no sandbox as root, no GPU, no network services) and a new
empty profile each time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
INSTALL_HINT = "install it with: sudo apt-get install -y chromium (Debian's package)"
TIMEOUT_S = 120


class BrowserMissing(RuntimeError):
    pass


def find() -> str:
    chosen = os.environ.get("CHROMIUM")
    for candidate in ([chosen] if chosen else []) + list(CANDIDATES):
        path = shutil.which(candidate)
        if path:
            return path
    raise BrowserMissing(f"headless Chromium not found; {INSTALL_HINT}")


def _run(page: Path, *options: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [find(), *FLAGS, f"--user-data-dir={profile}", *options, Path(page).resolve().as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def print_pdf(page: Path, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    done = _run(page, f"--print-to-pdf={out.resolve()}", "--no-pdf-header-footer")
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF ({done.returncode}): {done.stderr[-2000:]}")
    return out


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 2400) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    done = _run(page, f"--screenshot={out.resolve()}", f"--window-size={width},{height}")
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot ({done.returncode}): {done.stderr[-2000:]}")
    return out


def layout(page: Path, width: int = 1280, height: int = 1000) -> dict:
    """What the page's own layout check recorded once Chromium laid it out (``data-layout`` on <body>)."""
    done = _run(page, "--dump-dom", f"--window-size={width},{height}", "--virtual-time-budget=5000")
    match = re.search(r'<body[^>]*\bdata-layout="([^"]*)"', done.stdout)
    if not match:
        raise RuntimeError(f"the page recorded no layout ({done.returncode}): {done.stderr[-2000:]}")
    from html import unescape

    return json.loads(unescape(match.group(1)))


def pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted from its page objects (Chromium writes them uncompressed)."""
    data = Path(path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def pdf_text_sample(path: Path) -> bool:
    """Whether the PDF carries text (a font), not only pictures."""
    return b"/Font" in Path(path).read_bytes()


def png_size(path: Path) -> tuple[int, int]:
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def png_colours(path: Path, sample_rows: int = 64) -> int:
    """How many distinct colours a sample of rows of an 8-bit RGB(A) PNG has (1 means blank)."""
    data = Path(path).read_bytes()
    width, height = png_size(path)
    bit_depth, colour_type, interlace = data[24], data[25], data[28]
    if bit_depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA, non-interlaced PNGs are read here")
    channels = 4 if colour_type == 6 else 3
    chunks, position = [], 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    step = max(1, height // sample_rows)
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        if row % step == 0:
            colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels * 7))
        previous = line
    return len(colours)
