"""Short titles for plans as the columns of a targets table (the CLI's and the app's).

A plan's full title is long (中共武清开发区工委2019年工作要点, 关于印发…的通知) and a column
has room for little, so a column is labelled by the plan's short title: its body, its year and
the kind of document (`武清开发区 2019 工作要点`, `海门 2017 工作计划`); without a body or a
year, the title with 关于印发/中共 and 的通知 taken off, cut to `MAX_CELLS` cells. Two plans
with one short title (a draft and a final text) get their file names after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len

from zoneplan_tui.library.catalog import PlanInfo

MAX_CELLS = 24
_PREFIX = re.compile(r"^(?:关于印发|关于|印发|中共|中国共产党)+")
_SUFFIX = re.compile(r"的(?:通知|通报|函|意见的通知)$")
_FILE_STEM = re.compile(r"^[\x00-\x7f]+$")  # a file name stands in for a missing title
_KIND_MAX = 8  # characters of a document kind after the year: 工作要点, 政府工作报告


def short_title(plan: PlanInfo) -> str:
    title = (plan.title or "").strip()
    stem = Path(plan.path).stem
    if not title or _FILE_STEM.match(title):
        title = ""
    title = _SUFFIX.sub("", _PREFIX.sub("", title)).strip("《》 \u3000")
    if plan.body and plan.year:
        m = re.search(rf"{plan.year}\s*年度?\s*(.*)$", title)
        kind = m.group(1).strip() if m else ""
        return (
            f"{plan.body} {plan.year} {kind}"
            if 0 < len(kind) <= _KIND_MAX
            else (f"{plan.body} {plan.year}")
        )
    if plan.body and not title:
        return plan.body
    return _cut(title or stem)


def _cut(text: str) -> str:
    if cell_len(text) <= MAX_CELLS:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > MAX_CELLS - 1:
            break
        out += ch
    return out + "…"


def plan_labels(plans: Sequence[PlanInfo]) -> list[str]:
    """Column labels, one per plan: short titles, made unique by file name where they clash."""
    labels = [short_title(p) for p in plans]
    return [
        f"{lab} ({Path(p.path).stem})" if labels.count(lab) > 1 else lab
        for lab, p in zip(labels, plans, strict=True)
    ]


__all__ = ["MAX_CELLS", "plan_labels", "short_title"]
