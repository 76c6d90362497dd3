"""Open time of converted plans: a 120-page PDF (target: load_document under 3 s), and Word and
HTML copies of the same text.

    .venv/bin/python benchmarks/bench_formats.py [--pages 120] [--repeat 3]

The files are built with the test fixtures (tests/format_fixtures.py; needs the `test` extra for
reportlab): the sample plans, repeated until the PDF has the pages asked for, typeset in
reportlab's STSong-Light at 10.5 pt on A4 with a running header and page numbers. The figure
reported is load_document() alone (read, convert, decode): the best of the runs and the first
run (the libraries are already imported by then: building the fixtures loads them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.format_fixtures import make_docx, make_html, make_pdf  # noqa: E402
from zoneplan_tui.core.analysis import analyse  # noqa: E402
from zoneplan_tui.formats.load import load_document  # noqa: E402

LINES_PER_PAGE = 43  # A4, 72 pt margins, 10.5 pt type at 1.6 leading (format_fixtures)


def plan_text(pages: int) -> str:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    text = "\n".join(samples)
    # about 43 characters a wrapped row: repeat until the rows fill the pages
    rows = sum(max(1, len(line) // 43 + 1) for line in text.split("\n"))
    copies = max(1, -(-pages * LINES_PER_PAGE // rows)) + 1  # make_pdf stops at `pages`
    return "\n".join([text] * copies)


def best_of(path: Path, repeat: int) -> tuple[float, float, object]:
    times, doc = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = load_document(path)
        times.append(time.perf_counter() - start)
    return min(times), times[0], doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=120, help="pages of the PDF")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best one is reported")
    args = ap.parse_args()
    text = plan_text(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        files = {
            "pdf": make_pdf(text, out / "plan.pdf", max_pages=args.pages),
            "docx": make_docx(text, out / "plan.docx"),
            "html": make_html(text, out / "plan.html"),
        }
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(files["pdf"])))
        for kind, path in files.items():
            seconds, cold, doc = best_of(path, args.repeat)
            start = time.perf_counter()
            plan = analyse(doc)  # type: ignore[arg-type]
            analysed = time.perf_counter() - start
            size = path.stat().st_size / 1e6
            extra = f", {pages} pages" if kind == "pdf" else ""
            target = " (target < 3 s)" if kind == "pdf" else ""
            print(
                f"{kind:4}: {size:.2f} MB{extra}, {len(doc.text)} characters; "  # type: ignore[attr-defined]
                f"load_document best {seconds:.3f} s over {args.repeat} runs{target}, "
                f"first run {cold:.3f} s; "
                f"analyse {analysed:.3f} s, {len(plan.outline.headings)} headings"
            )


if __name__ == "__main__":
    main()
