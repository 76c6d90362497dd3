"""A comparison as one self-contained HTML page: the same parts as the Markdown report, with
deletions as <del> and insertions as <ins>. Every text from a plan is escaped."""

from __future__ import annotations

from html import escape

from zoneplan_tui.library.compare.engine import Comparison
from zoneplan_tui.library.compare.model import ClauseChange
from zoneplan_tui.library.compare.report import clause_text, indicator_label, label

_STYLE = """
body{font-family:sans-serif;max-width:72em;margin:auto;padding:1em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em}
del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}
.added{color:#060}.dropped{color:#900}.moved{color:#a60}.renamed,.changed{color:#05a}
"""


def _words(change: ClauseChange) -> str:
    parts = []
    for w in change.words:
        t = escape(w.text)
        parts.append(
            t if w.op == "equal" else f"<del>{t}</del>" if w.op == "delete" else f"<ins>{t}</ins>"
        )
    return "".join(parts)


def to_html(c: Comparison) -> str:
    s, t = c.section_counts(), c.target_counts()
    title = f"对比：{escape(c.a.title)} → {escape(c.b.title)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>A: {escape(c.a.plan.doc.name)}<br>B: {escape(c.b.plan.doc.name)}</p>",
        "<h2>Summary</h2><table>",
        "<tr><th>sections</th>" + "".join(f"<th>{k}</th>" for k in s) + "</tr>",
        "<tr><td></td>" + "".join(f"<td>{v}</td>" for v in s.values()) + "</tr>",
        "<tr><th>targets</th>" + "".join(f"<th>{k}</th>" for k in t) + "</tr>",
        "<tr><td></td>" + "".join(f"<td>{v}</td>" for v in t.values()) + "</tr></table>",
        "<h2>Sections</h2><table><tr><th>status</th><th>A</th><th>B</th><th>similarity</th></tr>",
    ]
    for p in c.shown_pairs:
        side = p.b or p.a
        pad = f' style="padding-left:{(side.level if side else 1) * 0.8:.1f}em"'
        out.append(
            f'<tr class="{p.status}"><td>{p.status}</td><td{pad}>{escape(label(p.a))}</td>'
            f"<td{pad}>{escape(label(p.b))}</td><td>{p.similarity:.2f}</td></tr>"
        )
    out.append("</table><h2>Targets</h2>")
    moved = [x for x in c.targets if x.change != "unchanged"]
    if moved:
        out.append("<table><tr><th>indicator</th><th>A</th><th>B</th><th>change</th></tr>")
        for x in moved:
            a = escape(x.a.figure.text) if x.a else ""
            b = escape(x.b.figure.text) if x.b else ""
            out.append(
                f'<tr class="{x.change}"><td>{escape(indicator_label(x))}</td>'
                f"<td>{a}</td><td>{b}</td><td>{x.change}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>No target changed.</p>")
    out.append("<h2>Text changes</h2>")
    for p in c.shown_pairs:
        changes = c.changes(p)
        if not changes:
            continue
        out.append(f"<h3>{escape(label(p.b or p.a))} ({p.status})</h3><ul>")
        for ch in changes:
            if ch.kind == "changed":
                out.append(f"<li>changed: {_words(ch)}</li>")
            elif ch.kind == "added":
                out.append(f"<li>added: <ins>{escape(clause_text(c, ch, 'b'))}</ins></li>")
            else:
                out.append(f"<li>removed: <del>{escape(clause_text(c, ch, 'a'))}</del></li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


__all__ = ["to_html"]
