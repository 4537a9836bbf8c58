"""The manifest and the models read by Amazon's own classes (``ask-smapi-model``, a dev dependency).

A document passes when it deserializes into the SMAPI class and serializes back to exactly the same JSON:
a misspelled or unknown key, or a value of the wrong type, is dropped or changed on the way and shows here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST_CLASS = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"
MODEL_CLASS = "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"


def _class(dotted: str):
    import importlib

    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _differences(before: Any, after: Any, path: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in before.keys() | after.keys():
            where = f"{path}.{key}" if path else key
            if key not in after:
                found.append(f"{where} is not a field of Amazon's model")
            elif key not in before:
                found.append(f"{where} appeared")
            else:
                found += _differences(before[key], after[key], where)
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d
            for n, (b, a) in enumerate(zip(before, after, strict=True))
            for d in _differences(b, a, f"{path}[{n}]")
        ]
    return [] if before == after else [f"{path} reads back as {after!r}, not {before!r}"]


def round_trip(document: dict, class_path: str) -> list[str]:
    """Differences between ``document`` and what the SMAPI class makes of it (empty: it deserializes)."""
    from ask_sdk_core.serialize import DefaultSerializer

    serializer = DefaultSerializer()
    try:
        model = serializer.deserialize(json.dumps(document), _class(class_path))
    except Exception as error:  # the SDK raises its own and built-in errors for unreadable values
        return [f"does not deserialize: {type(error).__name__}: {error}"]
    return sorted(_differences(document, serializer.serialize(model)))


def check_file(path: Path, class_path: str) -> list[str]:
    return round_trip(json.loads(Path(path).read_text(encoding="utf-8")), class_path)
