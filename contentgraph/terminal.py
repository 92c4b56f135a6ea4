"""Tables for a terminal or a pipe (rich): the gaps and stats reports and the extraction
explanation, readable at 80 columns with no word cut (slugs and labels are what users copy)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from .graph.report import Table, cell_text

WIDEST_WORD = 40  # words longer than this (a URL, say) may fold


def print_tables(tables: list[Table], console: Console | None = None) -> None:
    """Each report table as a rich table when its words fit the console's width, else as one
    block per row (``column: value`` lines), so nothing is cut at any width."""
    console = console or Console()
    for table in tables:
        cells = [[cell_text(v) for v in row] for row in table.rows]
        widths = [_widest_word([column, *(row[i] for row in cells)])
                  for i, column in enumerate(table.columns)]
        if sum(w + 3 for w in widths) + 1 <= console.width:
            shown = RichTable(title=escape(table.title), title_justify="left")
            for column, width in zip(table.columns, widths):
                shown.add_column(escape(column), overflow="fold", min_width=width)
            for row in cells or [["-"] * len(table.columns)]:
                shown.add_row(*map(escape, row))
            console.print(shown)
        else:
            _print_records(table.title, table.columns, cells, console)


def _print_records(title: str, columns, cells: list[list[str]], console: Console) -> None:
    console.print(f"[bold]{escape(title)}[/bold]")
    if not cells:
        console.print("  -")
    for row in cells:
        console.print()
        console.print(f"[bold]{escape(row[0])}[/bold]", overflow="fold")
        for column, value in zip(columns[1:], row[1:]):
            if value:
                line = Text.assemble((f"{column}: ", "dim"), value, overflow="fold")
                console.print(Padding(line, (0, 0, 0, 2), expand=False))
    console.print()


def print_explanation(explanation, max_sentences: int, console: Console | None = None) -> None:
    """Per document, its concepts (label and kind, never cut) with counts, weights, the central
    flag and the sentences that mention them, the matched words in bold, negated and
    hypothetical mentions marked; concepts mentioned only so come last as "not counted"."""
    console = console or Console()
    for doc in explanation.documents:
        table = RichTable(title=f"{escape(doc.document.title or doc.document.slug)} "
                                f"[dim]({doc.document.kind}, {doc.document.slug})[/dim]",
                          show_lines=True, expand=True)
        words = ["concept", *(w for c in doc.concepts for w in (*c.label.split(), c.kind.lower()))]
        table.add_column("concept", width=_widest_word(words), overflow="fold")
        table.add_column("count", justify="right")
        table.add_column("weight", justify="right")
        table.add_column("central")
        table.add_column("sentences", ratio=1, overflow="fold")
        for c in doc.concepts:
            lines = []
            for m in c.mentions[:max_sentences]:
                a, b = m.start - m.sentence_start, m.end - m.sentence_start
                s = m.sentence
                line = f"{escape(s[:a])}[bold]{escape(s[a:b])}[/bold]{escape(s[b:])}"
                mark = "(hypothetical) " if m.hypothetical else "(negated) " if m.negated else ""
                lines.append(f"[red]{mark}[/red]{line}" if mark else line)
            note = "" if c.counted else "\n[red]not counted[/red]"
            table.add_row(f"{escape(c.label)}\n[dim]{c.kind.lower()}[/dim]{note}",
                          str(c.concept.count), f"{c.concept.weight:.2f}",
                          "yes" if c.concept.central else "", "\n".join(lines))
        if not doc.concepts:
            table.add_row("[dim]no concepts found[/dim]", "", "", "", "")
        console.print(table)


def _widest_word(texts) -> int:
    return min(WIDEST_WORD, max((len(word) for text in texts for word in text.split()),
                                default=1))
