"""Tables in plain-text minutes: tab-separated cells, and columns aligned with spaces.

A table copied from a browser writes its cells separated by tabs; a table typed in a mail or a
text file lines its columns up with runs of spaces under a header:

    No.  Action                        Who   By
    1    Circulate the draft           AM    11 Dec

Both give ``{line index: cells}`` for ``minutes_text``, which adds them as table rows; so does
a table drawn with bars inside the line, as a database client prints it (``pipe_rows``):

    Wer  | Was                        | Bis wann
    -----+----------------------------+---------
    MB   | Kalibrierdaten ins Projekt | KW 26
         | hochladen                  |

A line that is no row of its own (the rule, a cell's text wrapped onto the next line) gives no
cells: ``[]``.
"""

from __future__ import annotations

import re

# the rule under a header drawn with bars: "-----+------+----", "---|---"
_BAR_RULE = re.compile(r"^\s*[-=]{2,}(?:\s*[+|]\s*[-=]{2,})+\s*$")


def pipe_rows(lines: list[str]) -> dict[int, list[str]]:
    """Rows of tables drawn with bars between cells: a header over a rule, then the lines with
    as many bars; a line whose first cell is empty continues the row above it."""
    found: dict[int, list[str]] = {}
    for i in range(1, len(lines)):
        if not _BAR_RULE.match(lines[i]) or "|" not in lines[i - 1] or i - 1 in found:
            continue
        header = lines[i - 1]
        bars = header.count("|")
        outer = header.strip()[:1] == "|"  # "| Who | What |": bars around the cells too
        found[i - 1] = [c.strip() for c in header.strip().strip("|").split("|")]
        found[i] = []
        last = i - 1
        for k in range(i + 1, len(lines)):
            line = lines[k]
            if line.count("|") < bars or not line.strip():
                break
            body = line.strip().strip("|") if outer else line
            cells = [c.strip() for c in body.split("|")]
            if not cells[0] and last != i - 1:
                # "     | hochladen |": the cells above go on
                above = found[last]
                found[last] = [f"{a} {c}".strip() for a, c in zip(above, cells, strict=False)]
                found[k] = []
                continue
            found[k] = cells
            last = k
    return found


# a cell of an aligned table: words separated by single spaces (two or more end the cell)
_CELL = re.compile(r"\S+(?: \S+)*")


def tab_rows(text: str) -> dict[int, list[str]]:
    """Lines that are rows of a tab-separated table: two or more cells, in a run of two or more
    such lines (one stray tab in a paragraph is no table)."""
    found: dict[int, list[str]] = {}
    for i, line in enumerate(text.split("\n")):
        body = line.strip()
        if "\t" in body:
            cells = body.split("\t")
            if sum(1 for c in cells if c.strip()) >= 2:
                found[i] = cells
    return {i: c for i, c in found.items() if i - 1 in found or i + 1 in found}


def _row_cells(line: str, starts: list[int]) -> list[str] | None:
    """The cells of ``line`` under the header's column ``starts``; None when a cell starts
    anywhere else (a paragraph, or a cell's text wrapped onto the next line)."""
    cells = [""] * len(starts)
    for cell in _CELL.finditer(line):
        column = next((k for k, s in enumerate(starts) if abs(cell.start() - s) <= 1), None)
        if column is None or cells[column]:
            return None
        cells[column] = cell.group()
    return cells if sum(1 for c in cells if c) >= 2 else None


def aligned_rows(lines: list[str], taken: dict[int, list[str]]) -> dict[int, list[str]]:
    """Rows of tables whose columns are aligned with spaces: a header of three or more cells
    two or more spaces apart, then two or more lines whose cells start under its columns (one
    under a line of four or more cells).
    ``lines`` are tab-free; lines in ``taken`` (rows found otherwise) are skipped."""
    found: dict[int, list[str]] = {}
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        if i in taken or "  " not in line.strip():
            i += 1
            continue
        starts = [cell.start() for cell in _CELL.finditer(line)]
        rows: dict[int, list[str]] = {}
        k = i + 1
        while len(starts) >= 3 and k < count and k not in taken and lines[k].strip():
            cells = _row_cells(lines[k], starts)
            if cells is None:
                break
            rows[k] = cells
            k += 1
        if len(rows) >= 2 or (rows and len(starts) >= 4):  # two lines of four columns too
            found[i] = [cell.group() for cell in _CELL.finditer(line)]
            found.update(rows)
            i = k
        else:
            i += 1
    return found


_LIST_TABLE = re.compile(r"^(?P<indent>\s*)\.\.\s+list-table::")
_LIST_ROW = re.compile(r"^\s*\*\s+-\s*(?P<cell>.*)$")
_LIST_CELL = re.compile(r"^\s*-\s+(?P<cell>.*)$")


def list_table_rows(lines: list[str]) -> dict[int, list[str]]:
    """The rows of reST list tables (``.. list-table::`` over "* - cell" and "  - cell" lines):
    each row at the line of its "* -", the directive, its options and the other cells' lines
    as no row."""
    found: dict[int, list[str]] = {}
    i = 0
    while i < len(lines):
        directive = _LIST_TABLE.match(lines[i])
        if directive is None:
            i += 1
            continue
        found[i] = []
        base = len(directive["indent"])
        i += 1
        row_at: int | None = None
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) <= base:
                break  # the text after the table
            if (row := _LIST_ROW.match(line)) is not None:
                row_at = i
                found[i] = [row["cell"].strip()]
            elif row_at is not None and (cell := _LIST_CELL.match(line)) is not None:
                found[row_at].append(cell["cell"].strip())
                found[i] = []
            elif row_at is not None and line.strip():
                found[row_at][-1] += " " + line.strip()  # a cell's text wrapped onto the next line
                found[i] = []
            else:
                found[i] = []  # an option (":header-rows: 1") or a blank line
            i += 1
    return found
