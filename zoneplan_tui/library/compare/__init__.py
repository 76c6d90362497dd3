"""Compare two plans: sections matched by title and content, text changes clause by clause,
targets raised and cut, and notes carried from one edition to the next.

    from zoneplan_tui.library.compare.engine import compare_plans
    result = compare_plans(analyse(old_doc), analyse(new_doc))
    result.pairs        # the section map: SectionPair(a, b, status, similarity, …)
    result.targets      # TargetChange(indicator, change, a, b, …)
    result.changes(p)   # the clause changes of one pair

Modules: sections.py (a plan's sections and their own text), align.py (the matching),
engine.py (classification, the map), clauses.py and words.py (the text diff), target_changes.py
(targets side by side), report.py (JSON, Markdown, CSV) and report_html.py, carry.py (notes
from an older edition onto a newer one). docs/compare-design.md explains the choices.
"""
