"""``python -m train_screen [--check]`` (see the package docstring)."""

from __future__ import annotations

import json
import sys

from itb_skill.safety import learned
from train_screen.data import fingerprint


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        with open(learned.MODEL_FILE, encoding="utf-8") as handle:
            recorded = json.load(handle)["data_sha256"]
        if recorded != fingerprint():
            print("train_screen: the corpora changed since the screen was trained: run `make train-screen`")
            return 1
        print("train_screen: weights are up to date with the corpora")
        return 0
    if args:
        print("usage: python -m train_screen [--check]", file=sys.stderr)
        return 2
    from train_screen.train import train  # scikit-learn only when training

    card = train()
    cv = card["cross_validation"]
    print(f"thresholds: {card['thresholds']}")
    for name in ("rules", "model", "both"):
        print(f"{name:>6}: {cv[name]} of {cv['positives']} emergencies / {cv['negatives']} negatives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
