"""The sign-off report in a real browser: Debian's headless Chromium lays it out, prints it to PDF and takes a
screenshot. Marked ``browser``: `make review` runs these (CI too, after installing chromium); `make test`
leaves them to it so that it needs nothing but Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from review import browser, report
from review.page import render

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, report.Report]:
    built = report.build(source_dir=DATA, with_questions=False)
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(render(built), encoding="utf-8")
    return path, built


@pytest.mark.parametrize("width", [1280, 800])
def test_chromium_lays_out_every_answer_without_overflow(page, width):
    path, built = page
    layout = browser.layout(path, width=width)
    assert layout["answers"] == len(built.entries)
    assert layout["signoffs"] == len(built.groups) + 1
    assert layout["flat"] == 0, "an answer was laid out with no height"
    assert layout["overflow"] is False, f"the page is wider than a {width}px window"


def test_chromium_prints_a_pdf_with_a_page_per_section_at_least(page, tmp_path):
    path, built = page
    pdf = browser.print_pdf(path, tmp_path / "review.pdf")
    assert browser.pdf_pages(pdf) >= len(built.groups) + 1
    assert browser.pdf_text_sample(pdf), "the PDF carries text, not only pictures"


def test_chromium_takes_a_screenshot_that_is_not_blank(page, tmp_path):
    path, _ = page
    png = browser.screenshot(path, tmp_path / "review.png", width=1280, height=1600)
    assert browser.png_size(png) == (1280, 1600)
    assert browser.png_colours(png) > 20
