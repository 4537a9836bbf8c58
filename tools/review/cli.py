"""``clinical-review``: the clinician sign-off report (``make review``) and the approval check.

clinical-review [--out build/review] [--sources DIR] [--no-browser]
clinical-review --check            # fails when signoff/approval.yaml approves content that changed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from review import approval, browser, catalog, report, sources
from review.page import render


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clinical-review", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=catalog.ROOT / "build" / "review")
    parser.add_argument(
        "--sources",
        type=Path,
        help=f"folder with the two sources (default ../shared/source, or ${sources.ENV_DIR})",
    )
    parser.add_argument("--content", type=Path, default=catalog.CONTENT_FILE)
    parser.add_argument("--record", type=Path, default=approval.RECORD)
    parser.add_argument(
        "--no-browser", action="store_true", help="write the HTML only (no PDF, no screenshot)"
    )
    parser.add_argument(
        "--estimate", action="store_true", help="estimate lengths even when espeak-ng is here"
    )
    parser.add_argument(
        "--check", action="store_true", help="only check the approval record against the content"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.check:
            return _check(args)
        return _report(args)
    except sources.SourcesMissing as error:
        print(f"clinical-review: {error}", file=sys.stderr)
        return 2
    except browser.BrowserMissing as error:
        print(f"clinical-review: {error}; or run with --no-browser for the HTML only", file=sys.stderr)
        return 2


def _check(args) -> int:
    found = catalog.build(args.content)
    verdict = approval.check(
        approval.load(args.record), catalog.content_sha256(args.content), catalog.answers_sha256(found)
    )
    print(
        f"clinical-review: {verdict.status}: {verdict.message}", file=sys.stdout if verdict.ok else sys.stderr
    )
    return 0 if verdict.ok else 1


def _report(args) -> int:
    built = report.build(args.content, args.sources, args.record, measure=not args.estimate)
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / "review.html"
    html.write_text(render(built), encoding="utf-8")
    counts = built.flag_counts()
    red = sum(n for (_, level), n in counts.items() if level == "red")
    amber = sum(n for (_, level), n in counts.items() if level == "amber")
    print(
        f"clinical-review: {len(built.entries)} answers in {len(built.groups)} sections, {red} red and "
        f"{amber} amber flags; status: {built.verdict.status}"
    )
    for (rule, level), n in sorted(counts.items()):
        print(f"  {level:5} {n:3}  {rule}")
    print(f"  content SHA-256 {built.content_sha256}\n  answers SHA-256 {built.answers_sha256}")
    print(f"  {html}")
    if not args.no_browser:
        pdf = browser.print_pdf(html, args.out / "review.pdf")
        png = browser.screenshot(html, args.out / "review.png")
        print(
            f"  {pdf} ({browser.pdf_pages(pdf)} pages)\n"
            f"  {png} (screenshot, {'x'.join(map(str, browser.png_size(png)))})"
        )
    return 0 if built.verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
