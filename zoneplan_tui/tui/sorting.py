"""How a screen's table is sorted, the same way on every screen that sorts one.

A click on a column header sorts by it, a second click turns the order round; `s` moves to the
next sort column, `S` turns the order round. The screen says which columns it sorts by
(`sort_columns`) and redraws its rows in `_fill`.
"""

from __future__ import annotations


class SortedTable:
    """Mixin for a Screen: `sort_column` and `sort_reverse`, and the actions that change them."""

    sort_column: str
    sort_reverse: bool = False

    def sort_columns(self) -> list[str]:
        raise NotImplementedError

    def _fill(self) -> None:
        raise NotImplementedError

    def sort_by(self, column: str) -> None:
        """Sort by `column`; again by the same one turns the order round."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._fill()

    def action_sort(self) -> None:
        keys = self.sort_columns()
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self._fill()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._fill()
