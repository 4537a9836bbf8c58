"""Checks of APL documents that Amazon's apl-suggester does not make: pure functions over the JSON.

- component and command types against the APL specification's lists (``spec.json``), and the responsive
  components' parameters against what Amazon documents for alexa-layouts (``alexa-layouts-1.7.0.json``);
- every Text's declared colour against the background it is drawn on (WCAG 2 contrast ratio), per viewport;
- every Text's declared font size against the floor for that viewport's viewing distance;
- no command that moves the screen by itself (nothing flashes by).

Resources are resolved per viewport class the way APL applies them: in order, a resource block whose
``when`` holds for the viewport overriding the earlier ones. Only the ``when`` forms the documents use are
understood; any other is a finding, so a new form cannot slip through unchecked.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
LAYOUTS_PACKAGE = os.path.join(HERE, "alexa-layouts-1.7.0.json")


def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


SPEC = _read(os.path.join(HERE, "spec.json"))
LAYOUTS = {
    name: {parameter["name"] for parameter in layout["parameters"]}
    for name, layout in _read(LAYOUTS_PACKAGE)["layouts"].items()
}
COMPONENT_TYPES = set(SPEC["component_types"])
COMMAND_TYPES = set(SPEC["command_types"])
VIEWPORTS = {name: spec for name, spec in SPEC["viewports"].items() if name != "description"}

# Where a component or a command can be in a document (keys whose values are components / commands).
COMPONENT_KEYS = {"items", "item", "firstItem", "lastItem"}
COMMAND_KEYS = {
    "onMount",
    "onPress",
    "primaryAction",
    "onScroll",
    "onFocus",
    "onBlur",
    "onDown",
    "onMove",
    "onUp",
    "onCancel",
    "onChildrenChanged",
    "onPageChanged",
    "onSpeechMark",
    "onLayout",
    "onConfigChange",
    "onDisplayStateChange",
    "commands",
    "command",
    "headerBackButtonCommand",
    "catch",
    "finally",
    "otherwise",
    "onLoad",
    "onFail",
}
# Keys whose values are data, never components or commands.
DATA_KEYS = {"import", "resources", "settings", "parameters", "styles", "data", "arguments", "layouts"}


class Node(NamedTuple):
    path: str
    value: dict[str, Any]
    ancestors: tuple[dict[str, Any], ...]  # the components it is inside, outermost first


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def walk(document: dict) -> tuple[list[Node], list[Node], list[str]]:
    """(components, commands, findings) of a document's mainTemplate, onMount and layouts."""
    components: list[Node] = []
    commands: list[Node] = []
    findings: list[str] = []

    def visit(value: object, path: str, role: str, ancestors: tuple) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, f"{path}/{index}", role, ancestors)
            return
        if not isinstance(value, dict):
            return
        if "type" in value:
            node = Node(path, value, ancestors)
            (components if role == "component" else commands).append(node)
            if role == "component":
                ancestors = (*ancestors, value)
        for key, child in value.items():
            if key in COMPONENT_KEYS:
                visit(child, f"{path}/{key}", "component", ancestors)
            elif key in COMMAND_KEYS:
                visit(child, f"{path}/{key}", "command", ancestors)
            elif isinstance(child, dict | list) and key not in DATA_KEYS and _has_type(child):
                findings.append(f"{path}/{key}: a typed object where no component or command is known")

    template = document.get("mainTemplate", {})
    visit(template.get("items", template.get("item", [])), "/mainTemplate/items", "component", ())
    visit(document.get("onMount", []), "/onMount", "command", ())
    for name, layout in (document.get("layouts") or {}).items():
        visit(layout.get("items", layout.get("item", [])), f"/layouts/{name}/items", "component", ())
    return components, commands, findings


def _has_type(value: object) -> bool:
    if isinstance(value, dict):
        return "type" in value
    return isinstance(value, list) and any(isinstance(item, dict) and "type" in item for item in value)


def type_findings(document: dict) -> list[str]:
    """Component types, command types and responsive-component parameters the specification does not know."""
    components, commands, findings = walk(document)
    layouts = set(document.get("layouts") or {})
    for node in components:
        kind = node.value["type"]
        if kind in LAYOUTS:
            unknown = set(node.value) - LAYOUTS[kind] - {"type", "when", "id"}
            findings += [
                f"{node.path}: {kind} has no documented parameter {name!r}" for name in sorted(unknown)
            ]
        elif kind not in COMPONENT_TYPES and kind not in layouts:
            findings.append(f"{node.path}: unknown component type {kind!r}")
    for node in commands:
        if node.value["type"] not in COMMAND_TYPES:
            findings.append(f"{node.path}: unknown command type {node.value['type']!r}")
        elif node.value["type"] in SPEC["moving_commands"]["types"]:
            findings.append(f"{node.path}: {node.value['type']} moves the screen by itself")
    return findings


# ---- resources per viewport ----

_WHEN = re.compile(r"^\$\{viewport\.(shape|mode) == '([a-z]+)'\}$")


def holds(when: object, viewport: dict) -> bool:
    """Whether a resource block's ``when`` holds on ``viewport``; ValueError for a form not understood."""
    if when is None:
        return True
    match = _WHEN.match(when) if isinstance(when, str) else None
    if match is None:
        raise ValueError(f"cannot evaluate when {when!r}")
    return viewport[match.group(1)] == match.group(2)


def resources(document: dict, viewport: dict) -> dict[str, str]:
    """Every resource name (colors, dimensions) to its value on ``viewport``."""
    resolved: dict[str, str] = {}
    for block in document.get("resources", []):
        if holds(block.get("when"), viewport):
            for group in ("colors", "dimensions", "strings", "numbers"):
                resolved.update(block.get(group, {}))
    return resolved


def resolve(value: object, table: dict[str, str]) -> object:
    if isinstance(value, str) and value.startswith("@"):
        return table.get(value[1:], value)
    return value


# ---- colour ----

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


def luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #RRGGBB colour."""
    match = _HEX.match(color)
    if match is None:
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    channels = [int(match.group(1)[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class TextCheck(NamedTuple):
    document: str
    viewport: str
    path: str
    color: str
    background: str
    ratio: float
    font_dp: float | None  # None: sized by Amazon's component (alexa-styles), not declared here


def _dp(value: object) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)dp", value) if isinstance(value, str) else None
    return float(match.group(1)) if match else None


def texts(name: str, document: dict) -> tuple[list[TextCheck], list[str]]:
    """Every text drawn, per viewport class: its colour on its background and its size; and findings."""
    components, _, findings = walk(document)
    checks: list[TextCheck] = []
    theme_text = SPEC["theme_text_colors"].get(document.get("theme", "dark"))
    for viewport_name, viewport in VIEWPORTS.items():
        try:
            table = resources(document, viewport)
        except ValueError as error:
            return checks, [*findings, f"{name}: {error}"]
        for node in components:
            kind = node.value["type"]
            if kind == "Text":
                color = resolve(node.value.get("color"), table)
                size = _dp(resolve(node.value.get("fontSize"), table))
                if size is None:
                    findings.append(f"{name} {node.path}: font size not declared in dp")
            elif kind in LAYOUTS and kind != "AlexaButton":  # draws its text in the theme's text colour
                color, size = theme_text, None
            else:
                continue
            background = next(
                (
                    resolve(ancestor["backgroundColor"], table)
                    for ancestor in reversed(node.ancestors)
                    if "backgroundColor" in ancestor
                ),
                None,
            )
            if not isinstance(color, str) or not isinstance(background, str):
                findings.append(
                    f"{name} {node.path}: colour or background not declared ({color}, {background})"
                )
                continue
            try:
                ratio = contrast(color, background)
            except ValueError as error:
                findings.append(f"{name} {node.path}: {error}")
                continue
            checks.append(TextCheck(name, viewport_name, node.path, color, background, ratio, size))
    for check in checks:
        if check.ratio < SPEC["wcag_aa_min_contrast"]:
            findings.append(
                f"{name} {check.path} on {check.viewport}: contrast {check.ratio:.2f}:1 "
                f"({check.color} on {check.background}) is under WCAG AA {SPEC['wcag_aa_min_contrast']}:1"
            )
        floor = VIEWPORTS[check.viewport]["min_font_dp"]
        if check.font_dp is not None and check.font_dp < floor:
            findings.append(
                f"{name} {check.path} on {check.viewport}: {check.font_dp:g}dp is under {floor}dp"
            )
    return checks, findings


def send_events(document: dict) -> Iterator[tuple[Node, str | None]]:
    """Every SendEvent command, with the data-binding expression of the nearest ``data`` it is inside."""
    _, commands, _ = walk(document)
    for node in commands:
        if node.value["type"] == "SendEvent":
            data = next((a["data"] for a in reversed(node.ancestors) if "data" in a), None)
            yield node, data
