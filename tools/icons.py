"""The skill's store icons (108x108 and 512x512 PNG), from one source file: ``interaction_model/icon.svg``.

    python tools/icons.py            # write the PNGs into the skill package (make icons)
    python tools/icons.py --check    # fail when the committed PNGs are not what the SVG renders to

Rendered by resvg (``resvg-py``, pinned in requirements-dev.txt): no browser, no system fonts (the icon has
no text), the same bytes on every run, so a test can tell that the PNGs still come from the SVG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "interaction_model" / "icon.svg"
IMAGES = ROOT / "interaction_model" / "skill-package" / "assets" / "images"
# The manifest's file names (the ASK CLI uploads file://assets/images/... with the skill package).
ICONS = {"smallIconUri": 108, "largeIconUri": 512}


def icon_path(field: str, locale: str = "en-US") -> Path:
    return IMAGES / f"{locale}_{field}.png"


def render(size: int, source: Path = SOURCE) -> bytes:
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_path=str(source), width=size, height=size, skip_system_fonts=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for field, size in ICONS.items():
        path, png = icon_path(field), render(size)
        if args.check:
            if not path.is_file() or path.read_bytes() != png:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
            print(f"icons: {path.relative_to(ROOT)} ({size}x{size}, {len(png)} bytes)")
    if stale:
        print(f"icons: {', '.join(stale)} differ from {SOURCE.name}: run `make icons`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
