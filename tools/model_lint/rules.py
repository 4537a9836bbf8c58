"""The rules. Each check yields ``Finding``s; any finding fails the lint.

Sources for the rules (Alexa Skills Kit documentation): invocation name requirements, the custom
interaction model reference (sample utterance characters, slot syntax, limits), the AMAZON.SearchQuery
rules (a carrier phrase, no other slot in the same utterance), and the certification checklist for
example phrases (each must be modelled on a sample utterance, at most three).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --- limits (Alexa's documented model limits) -------------------------------------------------------
INVOCATION_MAX_CHARS = 50
SAMPLE_MAX_CHARS = 200
SLOT_VALUE_MAX_CHARS = 140
MAX_INTENTS = 250
MAX_SAMPLES_PER_SKILL = 200_000
MAX_VALUES_PER_SLOT_TYPE = 50_000
MAX_EXAMPLE_PHRASES = 3
NAME_MAX_CHARS = 50
SUMMARY_MAX_CHARS = 160
DESCRIPTION_MAX_CHARS = 4000

REQUIRED_BUILT_INS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
)

WAKE_WORDS = {"alexa", "amazon", "echo", "computer", "ziggy"}
LAUNCH_WORDS = {"launch", "ask", "tell", "load", "begin", "enable", "open", "start", "play", "run", "resume"}
FORBIDDEN_INVOCATION_WORDS = {"skill", "app"}
# Articles and connecting words: a two-word invocation name may not contain them, and no invocation
# name may consist of nothing else.
CONNECTORS = {
    "the", "a", "an", "for", "to", "of", "about", "and", "by", "from", "if", "in", "on", "that",
    "using", "whether", "with",
}  # fmt: skip
# Launch phrases and connecting words of "Alexa, <launch> <invocation> [<connector>] <utterance>".
EXAMPLE_LAUNCH = ("talk to", "open", "start", "launch", "begin", "load", "run", "play", "use", "ask", "tell")
EXAMPLE_CONNECTORS = ("to", "about", "for", "if", "whether", "and", "that", "from", "by", "using", "with")
LAMBDA_ARN = re.compile(
    r"^arn:aws:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$"
)
ENDPOINT_PLACEHOLDER = "REPLACE_WITH_SkillFunctionArn"
# Store icons: PNG of exactly these sizes (certification); file://assets/... is uploaded by the ASK CLI.
ICON_SIZES = {"smallIconUri": 108, "largeIconUri": 512}
# Fields filled in at deploy time from the stack's outputs (never in the tracked manifest).
DEPLOY_TIME_URLS = ("privacyPolicyUrl", "termsOfUseUrl")
HTTPS_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s]*)?$")

SLOT_REF = re.compile(r"\{([^{}]*)\}")
SLOT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
INTENT_NAME = re.compile(r"^[A-Za-z_]+$")
# A word of a sample: letters, inner hyphens and possessive apostrophes, or an abbreviation with periods.
WORD = re.compile(r"^(?:[^\W\d_]+(?:[-'’][^\W\d_]+)*'?|(?:[^\W\d_]{1,3}\.)+)$")


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.rule}] {self.message}"


def normalize(text: str) -> str:
    """Case- and whitespace-insensitive form used for duplicate detection and matching."""
    return " ".join(text.lower().replace("’", "'").split())


# --- invocation name ---------------------------------------------------------------------------------


def check_invocation(name: Any, where: str) -> Iterator[Finding]:
    if not isinstance(name, str) or not name.strip():
        yield Finding("invocation-missing", where, "the model has no invocationName")
        return
    if len(name) > INVOCATION_MAX_CHARS:
        yield Finding("invocation-length", where, f"{len(name)} characters, at most {INVOCATION_MAX_CHARS}")
    if not re.fullmatch(r"[a-z .']+", name):
        yield Finding(
            "invocation-characters",
            where,
            f"{name!r}: only lowercase letters, spaces, possessive apostrophes and periods in abbreviations",
        )
    if name != name.strip() or "  " in name:
        yield Finding("invocation-characters", where, f"{name!r}: single spaces between words only")
    words = name.lower().split()
    if len(words) < 2:
        yield Finding("invocation-words", where, f"{name!r}: at least two words (one word only for a brand)")
    for word in words:
        bare = word.strip(".'")
        if bare in WAKE_WORDS:
            yield Finding("invocation-wake-word", where, f"{name!r} contains the wake word {bare!r}")
        if bare in LAUNCH_WORDS:
            yield Finding("invocation-launch-word", where, f"{name!r} contains the launch word {bare!r}")
        if bare in FORBIDDEN_INVOCATION_WORDS:
            yield Finding("invocation-launch-word", where, f"{name!r} may not contain {bare!r}")
    if words and all(w.strip(".'") in CONNECTORS for w in words):
        yield Finding("invocation-connector", where, f"{name!r} is only articles or connecting words")
    elif len(words) == 2 and any(w in CONNECTORS for w in words):
        yield Finding(
            "invocation-connector",
            where,
            f"{name!r}: a two-word name may not contain an article or connector",
        )


# --- samples -----------------------------------------------------------------------------------------


def check_sample_text(sample: Any, slot_names: set[str], where: str) -> Iterator[Finding]:
    if not isinstance(sample, str) or not sample.strip():
        yield Finding("sample-empty", where, "empty sample utterance")
        return
    if len(sample) > SAMPLE_MAX_CHARS:
        yield Finding("sample-length", where, f"{len(sample)} characters, at most {SAMPLE_MAX_CHARS}")
    depth = 0
    for char in sample:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth not in (0, 1):
            break
    if depth != 0:
        yield Finding("slot-braces", where, f"{sample!r}: unbalanced or nested braces")
        return
    for ref in SLOT_REF.findall(sample):
        if not SLOT_NAME.match(ref):
            yield Finding("slot-braces", where, f"{sample!r}: {{{ref}}} is not a slot name")
        elif ref not in slot_names:
            yield Finding(
                "slot-undefined", where, f"{sample!r}: slot {{{ref}}} is not declared on the intent"
            )
    if re.search(r"\}\{|[^\s]\{|\}[^\s]", sample):
        yield Finding("slot-spacing", where, f"{sample!r}: a slot must be separated from words and slots")
    refs = SLOT_REF.findall(sample)
    if len(refs) != len(set(refs)):
        yield Finding("slot-repeated", where, f"{sample!r}: the same slot appears twice")
    for word in SLOT_REF.sub(" ", sample).split():
        if any(c.isdigit() for c in word):
            yield Finding("sample-digits", where, f"{sample!r}: spell numbers out ({word!r})")
        elif not WORD.match(word):
            yield Finding(
                "sample-characters",
                where,
                f"{sample!r}: {word!r} has characters Alexa refuses (only letters, apostrophes, "
                "inner hyphens and periods in abbreviations)",
            )


def _typed_pattern(sample: str, slot_types: dict[str, str]) -> str:
    """The sample with each slot name replaced by its type: two intents must not share one."""
    return SLOT_REF.sub(lambda m: "{" + str(slot_types.get(m.group(1))) + "}", sample)


def _slot_types(intent: dict[str, Any]) -> dict[str, str]:
    return {s.get("name"): s.get("type") for s in intent.get("slots") or [] if isinstance(s, dict)}


def check_intents(model: dict[str, Any], where: str) -> Iterator[Finding]:
    intents = model.get("intents")
    if not isinstance(intents, list):
        yield Finding("intents-missing", where, "languageModel.intents is not a list")
        return
    types = {t.get("name") for t in model.get("types") or [] if isinstance(t, dict)}
    names = [i.get("name") for i in intents if isinstance(i, dict)]
    if len(intents) > MAX_INTENTS:
        yield Finding("limit-intents", where, f"{len(intents)} intents, at most {MAX_INTENTS}")
    for built_in in REQUIRED_BUILT_INS:
        if built_in not in names:
            yield Finding("built-in-missing", where, f"required built-in intent {built_in} is missing")
    seen_names: set[str] = set()
    total_samples = 0
    first_owner: dict[str, str] = {}  # normalized sample -> intent
    pattern_owner: dict[str, tuple[str, str]] = {}  # sample with slot types -> (intent, sample)
    for intent in intents:
        name = intent.get("name") if isinstance(intent, dict) else None
        here = f"{where} intent {name}"
        if not isinstance(name, str) or not (name.startswith("AMAZON.") or INTENT_NAME.match(name)):
            yield Finding("intent-name", here, f"{name!r}: letters and underscores only")
            continue
        if name in seen_names:
            yield Finding("intent-duplicate", here, "declared twice")
        seen_names.add(name)
        slot_types = yield from _check_slots(intent, types, here)
        samples = intent.get("samples") or []
        total_samples += len(samples)
        within: set[str] = set()
        for sample in samples:
            yield from check_sample_text(sample, set(slot_types), here)
            if not isinstance(sample, str):
                continue
            key = normalize(sample)
            if key in within:
                yield Finding("sample-duplicate", here, f"{sample!r} appears twice in the intent")
                continue
            within.add(key)
            if key in first_owner:
                yield Finding("sample-duplicate", here, f"{sample!r} is also a sample of {first_owner[key]}")
            else:
                first_owner[key] = name
            yield from _check_search_query(sample, slot_types, here)
            pattern = _typed_pattern(key, slot_types)
            owner = pattern_owner.get(pattern)
            if owner and owner[0] != name and first_owner.get(key) == name:
                yield Finding(
                    "sample-conflict",
                    here,
                    f"{sample!r} has the same words and slot types as {owner[1]!r} in {owner[0]}",
                )
            pattern_owner.setdefault(pattern, (name, sample))
    if total_samples > MAX_SAMPLES_PER_SKILL:
        yield Finding("limit-samples", where, f"{total_samples} samples, at most {MAX_SAMPLES_PER_SKILL}")


def _check_slots(intent: dict[str, Any], types: set[str], where: str):
    """Yield malformed-slot findings; return {slot name: slot type} of the well-formed ones."""
    slot_types: dict[str, str] = {}
    slots = intent.get("slots") or []
    if not isinstance(slots, list):
        yield Finding("slot-malformed", where, "slots is not a list")
        return slot_types
    search_query_slots = 0
    for slot in slots:
        if not isinstance(slot, dict):
            yield Finding("slot-malformed", where, f"{slot!r} is not a slot object")
            continue
        name, type_name = slot.get("name"), slot.get("type")
        if not isinstance(name, str) or not SLOT_NAME.match(name):
            yield Finding("slot-malformed", where, f"slot name {name!r}: letters, digits and underscores")
            continue
        if name in slot_types:
            yield Finding("slot-malformed", where, f"slot {name!r} declared twice")
        if not isinstance(type_name, str) or not type_name:
            yield Finding("slot-malformed", where, f"slot {name!r} has no type")
            continue
        if not type_name.startswith("AMAZON.") and type_name not in types:
            yield Finding(
                "slot-malformed", where, f"slot {name!r} has type {type_name!r}, which is not defined"
            )
        if type_name == "AMAZON.SearchQuery":
            search_query_slots += 1
        slot_types[name] = type_name
    if search_query_slots > 1:
        yield Finding("search-query", where, "an intent may have only one AMAZON.SearchQuery slot")
    return slot_types


def _check_search_query(sample: str, slot_types: dict[str, str], where: str) -> Iterator[Finding]:
    refs = SLOT_REF.findall(sample)
    if not any(slot_types.get(r) == "AMAZON.SearchQuery" for r in refs):
        return
    if not SLOT_REF.sub("", sample).strip():
        yield Finding("search-query", where, f"{sample!r}: AMAZON.SearchQuery needs a carrier phrase")
    if len(refs) > 1:
        yield Finding("search-query", where, f"{sample!r}: AMAZON.SearchQuery cannot share an utterance")


# --- slot types --------------------------------------------------------------------------------------


def check_types(model: dict[str, Any], where: str) -> Iterator[Finding]:
    seen_types: set[str] = set()
    for slot_type in model.get("types") or []:
        name = slot_type.get("name") if isinstance(slot_type, dict) else None
        here = f"{where} type {name}"
        if not isinstance(name, str) or not SLOT_NAME.match(name):
            yield Finding("type-malformed", here, f"type name {name!r}: letters, digits and underscores")
            continue
        if name in seen_types:
            yield Finding("type-malformed", here, "declared twice")
        seen_types.add(name)
        values = slot_type.get("values") or []
        if len(values) > MAX_VALUES_PER_SLOT_TYPE:
            yield Finding("limit-values", here, f"{len(values)} values, at most {MAX_VALUES_PER_SLOT_TYPE}")
        owner: dict[str, str] = {}  # normalized value or synonym -> id
        ids: set[str] = set()
        for value in values:
            entry = value.get("name") if isinstance(value, dict) else None
            value_id = value.get("id") if isinstance(value, dict) else None
            if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
                yield Finding("type-malformed", here, f"{value!r} has no name.value")
                continue
            label = value_id or entry["value"]
            if value_id is not None:
                if value_id in ids:
                    yield Finding("slot-value-duplicate", here, f"id {value_id!r} used twice")
                ids.add(value_id)
            for text in [entry["value"], *(entry.get("synonyms") or [])]:
                yield from _check_value_text(text, here)
                if not isinstance(text, str):
                    continue
                key = normalize(text)
                if key in owner:
                    other = owner[key]
                    where_else = "twice under the same id" if other == label else f"also under {other!r}"
                    yield Finding("slot-value-duplicate", here, f"{text!r} ({label}) appears {where_else}")
                else:
                    owner[key] = label


def _check_value_text(text: Any, where: str) -> Iterator[Finding]:
    if not isinstance(text, str) or not text.strip():
        yield Finding("slot-value-malformed", where, f"empty slot value or synonym {text!r}")
        return
    if len(text) > SLOT_VALUE_MAX_CHARS:
        yield Finding(
            "limit-value-length", where, f"{text[:40]!r}...: at most {SLOT_VALUE_MAX_CHARS} characters"
        )
    if "{" in text or "}" in text:
        yield Finding("slot-value-malformed", where, f"{text!r}: braces are not allowed in slot values")


# --- model as a whole --------------------------------------------------------------------------------


def lint_model(document: dict[str, Any], where: str = "model") -> list[Finding]:
    model = (document.get("interactionModel") or {}).get("languageModel")
    if not isinstance(model, dict):
        return [Finding("model-malformed", where, "no interactionModel.languageModel")]
    findings = list(check_invocation(model.get("invocationName"), where))
    findings += check_intents(model, where)
    findings += check_types(model, where)
    return findings


# --- manifest ----------------------------------------------------------------------------------------


def sample_matcher(document: dict[str, Any]) -> Callable[[str], str | None]:
    """The intent a sample utterance reaches, or None: the simulator's resolver (``skill_sim.resolver``) read
    literally, as a plain sample matcher would (exact samples, listed slot values, free text), so the
    linter and the simulator agree on what a phrase reaches and the model is compiled once, lazily."""
    from skill_sim.resolver import Model

    try:
        model = Model(document)
    except Exception:  # malformed: reported by the model checks; no example reaches anything
        return lambda _text: None

    def reaches(text: str) -> str | None:
        try:
            resolution = model.resolve(text, literal=True)
        except Exception:  # text the resolver refuses (digits, symbols): reaches nothing
            return None
        # The catch-all takes any words: an example phrase must be modelled on a sample of its own.
        return None if resolution.how in ("fallback", "catch-all") else resolution.intent

    return reaches


def match_example(phrase: str, invocation: str, reaches: Callable[[str], str | None]) -> str | None:
    """The intent an example phrase reaches ("LaunchRequest" for a bare open), or None."""
    text = normalize(re.sub(r"[.?!]+$", "", phrase.strip()))
    match = re.match(r"^alexa,?\s+(.*)$", text)
    if not match:
        return None
    rest = match.group(1)
    for launch in EXAMPLE_LAUNCH:
        prefix = f"{launch} {normalize(invocation)}"
        if rest == prefix and launch not in ("ask", "tell"):
            return "LaunchRequest"
        if not rest.startswith(prefix + " "):
            continue
        utterance = rest[len(prefix) + 1 :]
        candidates = [utterance]
        first, _, remainder = utterance.partition(" ")
        if first in EXAMPLE_CONNECTORS and remainder:
            candidates.append(remainder)
        for candidate in candidates:
            intent = reaches(candidate)
            if intent is not None:
                return intent
    return None


def lint_manifest(
    manifest_doc: dict[str, Any],
    models: dict[str, dict[str, Any]],
    where: str,
    package_dir: Path | None = None,
    release: bool = False,
) -> list[Finding]:
    """``models``: locale -> interaction model document; ``package_dir``: where file:// assets are;
    ``release``: the rendered package that ships (endpoints and deploy-time URLs filled in)."""
    findings: list[Finding] = []
    manifest = manifest_doc.get("manifest")
    if not isinstance(manifest, dict):
        return [Finding("manifest-malformed", where, "no top-level 'manifest' object")]
    publishing = manifest.get("publishingInformation") or {}
    locales = publishing.get("locales") or {}
    if not locales:
        findings.append(Finding("manifest-malformed", where, "publishingInformation.locales is empty"))
    for locale, info in locales.items():
        here = f"{where} {locale}"
        findings += _check_listing(info, here)
        document = models.get(locale)
        if document is None:
            findings.append(Finding("manifest-locale", here, f"no interaction model for {locale}"))
            continue
        model = document["interactionModel"]["languageModel"]
        reaches = sample_matcher(document)
        phrases = info.get("examplePhrases") or []
        if not 1 <= len(phrases) <= MAX_EXAMPLE_PHRASES:
            findings.append(
                Finding(
                    "example-phrases", here, f"{len(phrases)} example phrases, 1 to {MAX_EXAMPLE_PHRASES}"
                )
            )
        findings += _check_examples(phrases, model, reaches, here)
        findings += _check_icons(info, here, package_dir)
    findings += _check_endpoints(manifest, where, release)
    findings += _check_privacy_urls(manifest, locales, where, release)
    findings += _check_testing_instructions(publishing, where)
    return findings


def _check_examples(
    phrases: list, model: dict, reaches: Callable[[str], str | None], where: str
) -> Iterator[Finding]:
    """The first phrase opens the skill ("Alexa, open <invocation>"); the others are what people then say
    (sample utterances) or open-and-ask phrases. One-shot "ask/tell <invocation> ..." phrases are reported
    not to reach custom skills on newer devices, so none is offered."""
    invocation = model.get("invocationName", "")
    for index, phrase in enumerate(phrases):
        if not isinstance(phrase, str):
            yield Finding("example-phrases", where, f"{phrase!r} is not text")
            continue
        text = normalize(re.sub(r"[.?!]+$", "", phrase.strip()))
        if index == 0 and text not in (
            f"alexa, open {normalize(invocation)}",
            f"alexa open {normalize(invocation)}",
        ):
            yield Finding(
                "example-open-first", where, f"the first example phrase must be 'Alexa, open {invocation}'"
            )
            continue
        if re.match(rf"^alexa,?\s+(?:ask|tell)\s+{re.escape(normalize(invocation))}\b", text):
            yield Finding(
                "example-one-shot",
                where,
                f"{phrase!r}: one-shot 'ask/tell {invocation} ...' is reported not to reach custom skills on "
                f"newer devices; lead with 'Alexa, open {invocation}' and show what to say next",
            )
            continue
        # "Alexa, open ...", or said in the session the first phrase opened
        reached = match_example(phrase, invocation, reaches) if text.startswith("alexa") else reaches(text)
        if reached is None:
            yield Finding(
                "example-phrase-unmatched",
                where,
                f"{phrase!r} is not 'Alexa, <launch> {invocation} [connector] <sample utterance>' nor a "
                "sample utterance of the model",
            )


def _png_size(path: Path) -> tuple[int, int] | None:
    try:
        data = path.read_bytes()[:24]
    except OSError:
        return None
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _check_icons(info: dict, where: str, package_dir: Path | None) -> Iterator[Finding]:
    for field, size in ICON_SIZES.items():
        uri = info.get(field)
        if not isinstance(uri, str) or not uri:
            yield Finding("icon", where, f"{field} is missing ({size}x{size} PNG)")
        elif uri.startswith("file://"):
            if package_dir is None:
                continue
            found = _png_size(package_dir / uri[len("file://") :])
            if found is None:
                yield Finding("icon", where, f"{field} {uri}: no PNG there")
            elif found != (size, size):
                yield Finding("icon", where, f"{field} {uri} is {found[0]}x{found[1]}, not {size}x{size}")
        elif not HTTPS_URL.match(uri):
            yield Finding("icon", where, f"{field} {uri!r} is neither file://assets/... nor an https URL")


def _check_privacy_urls(manifest: dict, locales: dict, where: str, release: bool) -> Iterator[Finding]:
    """The privacy policy and terms of use URLs: https when given; given for every locale in a release."""
    localized = ((manifest.get("privacyAndCompliance") or {}).get("locales")) or {}
    for locale in locales:
        urls = localized.get(locale) or {}
        for field in DEPLOY_TIME_URLS:
            url = urls.get(field)
            if url is None:
                if release:
                    yield Finding(
                        "privacy-url", f"{where} {locale}", f"privacyAndCompliance {field} is missing"
                    )
            elif not (isinstance(url, str) and HTTPS_URL.match(url)):
                yield Finding("privacy-url", f"{where} {locale}", f"{field} {url!r} is not an https URL")


def _check_testing_instructions(publishing: dict, where: str) -> Iterator[Finding]:
    text = publishing.get("testingInstructions")
    if not isinstance(text, str) or not text.strip():
        yield Finding("testing-instructions", where, "publishingInformation.testingInstructions is missing")
    elif len(text) > DESCRIPTION_MAX_CHARS:
        yield Finding("testing-instructions", where, f"testingInstructions is {len(text)} characters")
    elif "911" not in text:
        yield Finding(
            "testing-instructions", where, "testingInstructions must say what the emergency path does (911)"
        )


def _check_listing(info: dict[str, Any], where: str) -> Iterator[Finding]:
    for field, limit in (
        ("name", NAME_MAX_CHARS),
        ("summary", SUMMARY_MAX_CHARS),
        ("description", DESCRIPTION_MAX_CHARS),
    ):
        value = info.get(field)
        if not isinstance(value, str) or not value.strip():
            yield Finding("listing", where, f"publishing {field} is missing")
        elif len(value) > limit:
            yield Finding("listing", where, f"publishing {field} is {len(value)} characters, at most {limit}")


def _check_endpoints(manifest: dict[str, Any], where: str, release: bool = False) -> Iterator[Finding]:
    uris = {
        "apis.custom.endpoint.uri": (
            ((manifest.get("apis") or {}).get("custom") or {}).get("endpoint") or {}
        ).get("uri"),
    }
    if "events" in manifest:
        uris["events.endpoint.uri"] = ((manifest["events"].get("endpoint")) or {}).get("uri")
    for path, uri in uris.items():
        if release and uri == ENDPOINT_PLACEHOLDER:
            yield Finding("endpoint", where, f"{path} is still {ENDPOINT_PLACEHOLDER} in a release package")
        elif uri != ENDPOINT_PLACEHOLDER and not (isinstance(uri, str) and LAMBDA_ARN.match(uri)):
            yield Finding(
                "endpoint", where, f"{path} {uri!r} is neither a Lambda ARN nor {ENDPOINT_PLACEHOLDER}"
            )
    if len(set(uris.values())) > 1:
        yield Finding("endpoint", where, "the skill and its events must go to the same function")


# --- files -------------------------------------------------------------------------------------------


def _load(path: Path, where: str) -> tuple[dict[str, Any] | None, list[Finding]]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (OSError, ValueError) as error:
        return None, [Finding("json", where, str(error))]


def lint_package(
    model_paths: Iterable[Path], manifest_path: Path | None, release: bool = False, smapi: bool = False
) -> list[Finding]:
    """Lint model files (named <locale>.json) and, if given, the manifest against them; ``smapi``: also
    read each with Amazon's own classes (``ask-smapi-model``)."""
    findings: list[Finding] = []
    models: dict[str, dict[str, Any]] = {}
    for path in model_paths:
        document, errors = _load(path, str(path))
        findings += errors
        if document is not None:
            model_findings = lint_model(document, str(path))
            findings += model_findings
            if not any(f.rule == "model-malformed" for f in model_findings):
                models[path.stem] = document
            if smapi:
                findings += _smapi_findings(path, "model")
    if manifest_path is not None:
        manifest, errors = _load(manifest_path, str(manifest_path))
        findings += errors
        if manifest is not None:
            findings += lint_manifest(manifest, models, str(manifest_path), manifest_path.parent, release)
            if smapi:
                findings += _smapi_findings(manifest_path, "manifest")
    return findings


def _smapi_findings(path: Path, kind: str) -> list[Finding]:
    from model_lint import smapi

    class_path = smapi.MANIFEST_CLASS if kind == "manifest" else smapi.MODEL_CLASS
    return [Finding("smapi", str(path), problem) for problem in smapi.check_file(path, class_path)]
