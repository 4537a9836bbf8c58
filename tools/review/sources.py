"""The two sources the skill may use, split into the sections a topic can cite.

- The hospital's patient page (plain text): a section is a heading line of the page and every line up to
  the next heading that some topic cites; a label that is not a line of the page (the paragraph for Deaf
  and hard-of-hearing people has no heading) names the paragraph that contains it.
- The safety facts (Markdown): a section is a ``## `` heading and its lines; a topic may cite the heading in
  full or its name before the bracketed source tags ("Pump alarms and refills").

A topic cites its source in the content file as ``"section"`` (a heading of the patient page, as today) or
``"source"``: a heading of either document, optionally led by the document's file name
(``"itb-safety-facts.md#Pump alarms and refills"``), an object ``{"document": ..., "section": ...}``, or a
list of these. ``Sources.resolve`` finds the sections or says that it could not.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import NamedTuple

PAGE = "baclofen-pump-therapy.txt"
SAFETY_FACTS = "itb-safety-facts.md"
DOCUMENTS = (PAGE, SAFETY_FACTS)
# Words a citation may use for a document instead of its file name.
ALIASES = {
    PAGE: ("baclofen-pump-therapy", "patient page", "page", "patient-page", "henry ford"),
    SAFETY_FACTS: ("itb-safety-facts", "safety facts", "safety-facts", "safety", "fda"),
}
TITLES = {PAGE: "Patient page", SAFETY_FACTS: "Safety facts"}
# Where the sources live beside a clone of the repository (shared/ is laid next to it).
DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "source"
ENV_DIR = "ITB_SOURCE_DIR"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")


class SourcesMissing(FileNotFoundError):
    """A source file is not where it was looked for; the message says where and how to point elsewhere."""


class Section(NamedTuple):
    document: str  # file name
    title: str  # the heading (or label) as written
    text: str
    sentences: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{TITLES[self.document]}: {self.title}"


def normalize(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2014", "-").replace("\u2013", "-")
    return " ".join(re.sub(r"[^a-z0-9'?:()-]+", " ", text).split())


def sentences_of(text: str) -> tuple[str, ...]:
    """Sentences (and list items) of a block of text, in order, without bullets or Markdown marks.

    A list introduced by a sentence ending in a colon is one sentence with it ("... may include: Infection;
    Meningitis; ..."), so what the source lists stands together beside an answer."""
    items: list[tuple[str, bool]] = []  # (text, is a list item)
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph_items: list[list] = []
        for line in paragraph.splitlines():
            if not line.strip():
                continue
            if _BULLET.match(line) or not paragraph_items:
                paragraph_items.append([_BULLET.sub("", line).strip(), bool(_BULLET.match(line))])
            else:  # a wrapped line continues the item above
                paragraph_items[-1][0] += " " + line.strip()
        items += [(re.sub(r"\*\*|`|^#+\s*", "", t).strip(), bullet) for t, bullet in paragraph_items]
    found: list[str] = []
    for item, bullet in items:
        if bullet and found and found[-1].endswith((":", ";")) and not item.endswith("."):
            found[-1] = f"{found[-1]}{' ' if found[-1].endswith(':') else ' '}{item};"
            continue
        found += [s.strip() for s in _SENTENCE_END.split(item) if s.strip()]
    return tuple(sentence[:-1] + "." if sentence.endswith(";") else sentence for sentence in found)


class Document(NamedTuple):
    name: str
    text: str
    sha256: str


def find_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder holding both sources: ``explicit``, else ``$ITB_SOURCE_DIR``, else ../shared/source."""
    chosen = explicit or os.environ.get(ENV_DIR) or DEFAULT_DIR
    folder = Path(chosen)
    missing = [name for name in DOCUMENTS if not (folder / name).is_file()]
    if missing:
        raise SourcesMissing(
            f"source file(s) {', '.join(missing)} not found in {folder}. The review reads the patient page "
            f"and the safety facts from ../shared/source beside the repository; point elsewhere with "
            f"SOURCES=DIR (make review) or --sources DIR / ${ENV_DIR}."
        )
    return folder


class Sources:
    """Both documents, read once, and the sections cited by a set of names."""

    def __init__(self, folder: Path, cited: list[object] = ()) -> None:
        self.folder = Path(folder)
        self.documents = {}
        for name in DOCUMENTS:
            data = (self.folder / name).read_bytes()
            self.documents[name] = Document(name, data.decode("utf-8"), hashlib.sha256(data).hexdigest())
        cited_titles = {title for ref in cited for _, title in _parts(ref) if title}
        self.sections: dict[str, list[Section]] = {
            PAGE: _page_sections(self.documents[PAGE].text, cited_titles),
            SAFETY_FACTS: _markdown_sections(self.documents[SAFETY_FACTS].text),
        }

    def all_sections(self) -> list[Section]:
        return [section for name in DOCUMENTS for section in self.sections[name]]

    def resolve(self, ref: object) -> tuple[list[Section], list[str]]:
        """(the sections ``ref`` cites, the parts of it that name nothing in the sources)."""
        found: list[Section] = []
        unresolved: list[str] = []
        for document, title in _parts(ref):
            if not title:
                unresolved.append(str(ref))
                continue
            names = [document] if document else list(DOCUMENTS)
            match = next((s for name in names if (s := self._match(name, title))), None)
            if match is None:
                unresolved.append(f"{document + ': ' if document else ''}{title}")
            elif match not in found:
                found.append(match)
        return found, unresolved

    def _match(self, document: str, title: str) -> Section | None:
        wanted = normalize(title)
        for section in self.sections[document]:
            heading = normalize(section.title)
            if wanted in (heading, normalize(_short_heading(section.title))):
                return section
        for section in self.sections[document]:
            if len(wanted) >= 8 and normalize(section.title).startswith(wanted):
                return section
        if document == PAGE:  # a label that is not a heading: the paragraph that contains it
            text = self.documents[PAGE].text
            for paragraph in re.split(r"\n\s*\n", text):
                if wanted and wanted in normalize(paragraph):
                    return Section(PAGE, title, paragraph.strip(), sentences_of(paragraph))
        return None


def _short_heading(heading: str) -> str:
    """ "Stopping suddenly (withdrawal) — [FDA-LABEL] boxed warning" -> "Stopping suddenly (withdrawal)"."""
    return re.split(r"\s+[—–-]\s+|\s*\[", heading, maxsplit=1)[0].strip()


def _document_of(text: str) -> str | None:
    wanted = normalize(text)
    for name in DOCUMENTS:
        if wanted in (normalize(name), *(normalize(alias) for alias in ALIASES[name])):
            return name
    return None


def _parts(ref: object) -> list[tuple[str | None, str]]:
    """(document or None, section title) for each thing a ``source``/``section`` value cites."""
    if ref is None or ref == "":
        return []
    if isinstance(ref, (list, tuple)):
        return [part for item in ref for part in _parts(item)]
    if isinstance(ref, dict):
        document = next(
            (ref[k] for k in ("document", "file", "doc", "source") if isinstance(ref.get(k), str)), None
        )
        title = next((ref[k] for k in ("section", "heading", "title") if isinstance(ref.get(k), str)), "")
        return [(_document_of(document) if document else None, title.strip())]
    if not isinstance(ref, str):
        return [(None, "")]
    for separator in ("#", " > ", "::", ":", "/"):
        left, found, right = ref.partition(separator)
        if found and _document_of(left.strip()):
            return [(_document_of(left.strip()), right.strip())]
    return [(None, ref.strip())]


def _page_sections(text: str, cited_titles: set[str]) -> list[Section]:
    """Sections of the page: its first line (the title) and every line that a topic cites as a heading."""
    lines = text.splitlines()
    wanted = {normalize(title) for title in cited_titles}
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    starts = [
        index
        for index, line in enumerate(lines)
        if line.strip() and (index == first or normalize(line) in wanted)
    ]
    sections = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end]).strip()
        sections.append(Section(PAGE, lines[start].strip(), body, sentences_of(body)))
    return sections


def _markdown_sections(text: str) -> list[Section]:
    sections = []
    title, body = None, []
    for line in [*text.splitlines(), "## "]:
        if line.startswith("## "):
            if title is not None:
                block = "\n".join(body).strip()
                sections.append(Section(SAFETY_FACTS, title, block, sentences_of(block)))
            title, body = line[3:].strip(), []
        elif title is not None:
            body.append(line)
    return sections
