"""Fit, cross-validate, choose the two thresholds, quantize, and write the weights and the model card."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

import corpora
from itb_skill import safety
from itb_skill.safety import learned, rules
from train_screen.data import CRISIS, EMERGENCY, NONE, Example, examples, fingerprint

BITS = 18  # 262,144 buckets per class; int8 weights: 768 KiB raw, mostly zeros (the zip compresses them)
C = 4.0  # inverse regularization strength
FOLDS = 5
SEED = 20261129
# The sure threshold lets at most this share of the negatives' out-of-fold scores through (full emergency
# response); the possible threshold at most this share (911 opener before the answer).
SURE_FALSE_ALARMS = 0.0075
POSSIBLE_FALSE_ALARMS = 0.04
MIN_SURE, MIN_POSSIBLE = 0.5, 0.2

CARD = corpora.ROOT / "docs" / "screen-model-card.md"


def matrix(texts: list[str]) -> csr_matrix:
    rows, cols, values = [], [], []
    for row, text in enumerate(texts):
        counts: dict[int, int] = {}
        for bucket in learned.features(text, BITS):
            counts[bucket] = counts.get(bucket, 0) + 1
        for bucket, count in counts.items():
            rows.append(row)
            cols.append(bucket)
            values.append(1.0 + math.log(count))  # sublinear counts: a repeated word is not twice the sign
    return csr_matrix((values, (rows, cols)), shape=(len(texts), 1 << BITS), dtype=np.float64)


def fit(data: list[Example]) -> LogisticRegression:
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", tol=1e-6)
    model.fit(matrix([e.text for e in data]), np.array([e.label for e in data]))
    return model


def danger(model: LogisticRegression, texts: list[str]) -> np.ndarray:
    probabilities = model.predict_proba(matrix(texts))
    none_column = list(model.classes_).index(NONE)
    return 1.0 - probabilities[:, none_column]


def out_of_fold(data: list[Example]) -> np.ndarray:
    """Each example's danger score from a model that never saw its corpus line."""
    labels = np.array([e.label for e in data])
    groups = np.array([e.group for e in data])
    scores = np.zeros(len(data))
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_index, test_index in folds.split(np.zeros(len(data)), labels, groups):
        model = fit([data[i] for i in train_index])
        scores[test_index] = danger(model, [data[i].text for i in test_index])
    return scores


def threshold(negative_scores: np.ndarray, share: float, floor: float) -> float:
    """The lowest threshold that lets at most ``share`` of the negatives reach it (rounded up)."""
    allowed = int(math.floor(share * len(negative_scores)))
    ranked = np.sort(negative_scores)[::-1]
    above = ranked[allowed] if allowed < len(ranked) else 0.0
    return max(floor, math.ceil((float(above) + 1e-4) * 1000) / 1000)


# Weights of one quantization step or less are dropped to zero: about a quarter of the non-zero buckets, each
# moving a score by at most one step, and the zipped weights stay small (the deployment zip has a budget).
PRUNE_STEPS = 4


def quantize(weights: np.ndarray) -> tuple[bytes, float]:
    scale = float(np.abs(weights).max()) / 127 or 1.0
    q = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8)
    q[np.abs(q) <= PRUNE_STEPS] = 0
    return q.tobytes(), scale


def held(text: str) -> bool:
    """Whether the words hold the learned screen back from being sure of ``text`` (``safety.model_hold``)."""
    return safety.model_hold(text) is not None


def rule_tier(text: str) -> int:
    finding = rules.best(rules.check(text))
    return 0 if finding is None else finding.tier


def metrics(data: list[Example], scores: np.ndarray, sure: float, possible: float) -> dict:
    """Recall and false alarms on the original corpus lines: rules alone, model alone, both."""
    originals: dict[int, int] = {}
    for index, example in enumerate(data):
        originals.setdefault(example.group, index)
    positives = [i for i in originals.values() if data[i].label != NONE]
    negatives = [i for i in originals.values() if data[i].label == NONE]
    tiers_rules = {i: rule_tier(data[i].text) for i in originals.values()}
    tiers_model = {
        i: (1 if held(data[i].text) else 2) if scores[i] >= sure else 1 if scores[i] >= possible else 0
        for i in originals.values()
    }
    out = {}
    for name, tier in (
        ("rules", tiers_rules),
        ("model", tiers_model),
        ("both", {i: max(tiers_rules[i], tiers_model[i]) for i in originals.values()}),
    ):
        out[name] = {
            "emergencies_full": sum(tier[i] == 2 for i in positives),
            "emergencies_911_first": sum(tier[i] >= 1 for i in positives),
            "negatives_full": sum(tier[i] == 2 for i in negatives),
            "negatives_opener": sum(tier[i] == 1 for i in negatives),
        }
    out["positives"], out["negatives"] = len(positives), len(negatives)
    return out


def train(root: Path = corpora.ROOT) -> dict:
    data = examples()
    scores = out_of_fold(data)
    negative_scores = np.array([s for s, e in zip(scores, data, strict=True) if e.label == NONE])
    # The sure threshold counts only the negatives the learned screen alone could make sure: where the words
    # hold it back (a fear of what may come, a sign said to be over...: ``safety.model_hold``), the decision
    # is 911 first whatever the score, so a high score there is not a full response to budget for.
    unheld_scores = np.array(
        [s for s, e in zip(scores, data, strict=True) if e.label == NONE and not held(e.text)]
    )
    sure = threshold(unheld_scores, SURE_FALSE_ALARMS, MIN_SURE)
    possible = min(sure, threshold(negative_scores, POSSIBLE_FALSE_ALARMS, MIN_POSSIBLE))
    model = fit(data)
    order = [list(model.classes_).index(k) for k in (NONE, EMERGENCY, CRISIS)]
    blobs, scales = [], []
    for row in order:
        blob, scale = quantize(model.coef_[row])
        blobs.append(blob)
        scales.append(scale)
    learned_dir = Path(learned.MODEL_FILE).parent
    (learned_dir / Path(learned.WEIGHTS_FILE).name).write_bytes(b"".join(blobs))
    cv = metrics(data, scores, sure, possible)
    card = {
        "bits": BITS,
        "classes": list(learned.CLASSES),
        "scales": scales,
        "intercepts": [float(model.intercept_[row]) for row in order],
        "thresholds": {"sure": sure, "possible": possible},
        "data_sha256": fingerprint(),
        "training": {
            "lines": len({e.group for e in data}),
            "examples": len(data),
            "per_class": {k: sum(e.label == i for e in data) for i, k in enumerate(learned.CLASSES)},
            "features": {"char_ngrams": list(learned.CHAR_NGRAMS), "word_ngrams": learned.WORD_NGRAMS},
            "nonzero_buckets": int(sum(np.count_nonzero(np.frombuffer(b, dtype=np.int8)) for b in blobs)),
            "C": C,
            "folds": FOLDS,
            "seed": SEED,
            "scikit_learn": sklearn.__version__,
        },
        "cross_validation": cv,
    }
    (learned_dir / Path(learned.MODEL_FILE).name).write_text(
        json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    CARD.parent.mkdir(exist_ok=True)
    CARD.write_text(model_card(card), encoding="utf-8")
    return card


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def model_card(card: dict) -> str:
    cv = card["cross_validation"]
    rows = []
    for name in ("rules", "model", "both"):
        m = cv[name]
        rows.append(
            f"| {name} | {_pct(m['emergencies_full'], cv['positives'])} | "
            f"{_pct(m['emergencies_911_first'], cv['positives'])} | "
            f"{_pct(m['negatives_full'], cv['negatives'])} | "
            f"{_pct(m['negatives_opener'], cv['negatives'])} |"
        )
    training = card["training"]
    return f"""# Model card: the learned emergency screen

Written by `make train-screen` (`tools/train_screen/`); do not edit by hand.

**What it is.** A multinomial logistic regression (none / emergency / crisis) over hashed features of the
normalized text: words, word bigrams and trigrams (with a start mark), and character n-grams of sizes
{", ".join(map(str, training["features"]["char_ngrams"]))} inside each word; {1 << card["bits"]:,} buckets
(crc32). Weights are int8 with one scale per class (`lambda/itb_skill/safety/screen_weights.bin`); scoring is
pure Python (`lambda/itb_skill/safety/learned.py`), no numpy in the function.

**What it is for.** One of two screens. The decision is the rules OR the model (`itb_skill.safety.assess`):
a danger score of at least **{card["thresholds"]["sure"]}** is sure (the full emergency response); at least
**{card["thresholds"]["possible"]}** is possible (911 first, then the answer). It catches reports the rules
have no pattern for; it is not a diagnosis and it never lowers what the rules decided.

**Data.** Every line of `tests/corpus/*.txt`: {training["lines"]} lines; {training["examples"]} examples with
the copies said after a carrier word ("he's ...") without it. Per class: {training["per_class"]}.
Fingerprint of the labelled lines: `{card["data_sha256"]}` (a test fails when the corpora change and the
weights were not retrained). Non-zero weights: {training["nonzero_buckets"]:,}. C = {training["C"]},
class weights balanced, scikit-learn {training["scikit_learn"]}.

**Thresholds** were chosen by {training["folds"]}-fold cross-validation (grouped by corpus line, seed
{training["seed"]}): sure lets through at most {SURE_FALSE_ALARMS:.2%} of the negatives' out-of-fold scores,
possible at most {POSSIBLE_FALSE_ALARMS:.0%}.

**Cross-validated figures** (out of fold for the model; the rules are the same in every fold, and were tuned
on these corpora, so their row is not an unseen estimate):

| screen | emergencies: full response | emergencies: 911 first | negatives: full | negatives: 911 opener |
|---|---|---|---|---|
{chr(10).join(rows)}

**Limits.** Trained on typed English phrasings written by the team and held-out writers; speech
recognition errors, other languages and very long texts are outside what it has seen. Out-of-scope requests
and questions about risks are its hardest negatives; advice requests and chronic statements are in the data
for that reason.
"""
