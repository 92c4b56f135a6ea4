"""Question-and-answer corpora (.csv, .jsonl): one question document per question, one answer
document per answer row, linked to its question, the answering therapist as author.

Column names come from ``LoadOptions.columns`` (a preset such as ``counsel-chat``, or explicit
``QAColumns``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass

from ...errors import LoaderError
from ..cleaning import clean_inline, clean_line, dedupe, person_name, unglue_sentences
from ..model import LoadError
from ..options import LoadOptions, QAColumns
from ..slugs import slugify
from .base import Items, ReadResult, Source, make_document

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_CAMEL = re.compile(r"(?<=[a-z)])(?=[A-Z\d])|(?<=[A-Z])(?=[A-Z][a-z])")
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "O'")


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # line in the file where the row starts
    values: dict


def read_csv(source: Source, options: LoadOptions) -> ReadResult:
    """Read a CSV file of questions and answers (one row per answer)."""
    columns = options.columns
    reader = csv.DictReader(io.StringIO(source.text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise LoaderError(source.path, f"not a readable CSV file: {exc}", 1) from exc
    if not header:
        raise LoaderError(source.path, "the CSV file has no header row", 1)
    _check_header(source, header, columns, options)
    rows: list[Row] = []
    errors: list[LoadError] = []
    line = 2
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(LoadError(source.path, f"unreadable CSV row: {exc}", line))
            break
        if None in values:
            errors.append(LoadError(source.path, f"row has {len(header) + len(values[None])} "
                                    f"fields, but the header has {len(header)}", line))
        else:
            rows.append(Row(line, values))
        line = reader.line_num + 1
    result = build_qa(source, rows, columns)
    result.errors[:0] = errors
    return result


def read_jsonl(source: Source, options: LoadOptions) -> ReadResult:
    """Read a JSON-lines file of questions and answers (one object per answer)."""
    rows: list[Row] = []
    errors: list[LoadError] = []
    for number, text in enumerate(source.text.split("\n"), 1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            errors.append(LoadError(source.path, f"not valid JSON: {exc.msg} (column "
                                                 f"{exc.colno})", number))
            continue
        except RecursionError:
            errors.append(LoadError(source.path, "the line nests too deeply to read", number))
            continue
        if not isinstance(value, dict):
            errors.append(LoadError(source.path, f"expected a JSON object, found "
                                                 f"{type(value).__name__}", number))
            continue
        rows.append(Row(number, value))
    if not rows and errors:
        raise LoaderError(source.path, f"no line is a JSON object ({errors[0].reason})",
                          errors[0].line)
    if rows:
        _check_header(source, list(rows[0].values), options.columns, options, rows[0].line)
    result = build_qa(source, rows, options.columns)
    result.errors[:0] = errors
    return result


def build_qa(source: Source, rows: list[Row], columns: QAColumns) -> ReadResult:
    """Group answer rows by question and make the question and answer documents."""
    result = ReadResult()
    groups: dict[str, list[Row]] = {}
    for row in rows:
        problem = _row_problem(row, columns)
        if problem:
            result.errors.append(LoadError(source.path, problem, row.line))
            continue
        key = _value(row, columns.question_id) or "\x00".join(
            (_value(row, columns.question_title), _value(row, columns.question_text)))
        groups.setdefault(key, []).append(row)
    taken: set[str] = set()
    for key, group in groups.items():
        question = _question(source, group, columns, taken)
        result.documents.append(question)
        for n, row in enumerate(group, 1):
            text = _value(row, columns.answer_text) if columns.answer_text else ""
            if text:
                result.documents.append(_answer(source, row, columns, question, n))
    return result


def therapist_name(info: str) -> str | None:
    """The person's name from a therapist's profile line, where credentials and tagline may be
    glued to it ("KatzLCSW"), without them.

    >>> [therapist_name(s) for s in ("Rena Holt, LCSWCouples and Family Therapist, LCSW",
    ...     "Mira CastellLicensed Professional Counselor", "Tess McAlister\\"Be well\\"",
    ...     "Lee Ann O'Hara", "Hal BrennanMA", "Ann Lee LMHC", "")]
    ['Rena Holt', 'Mira Castell', 'Tess McAlister', "Lee Ann O'Hara", 'Hal Brennan', 'Ann Lee', None]
    """
    text = clean_inline(info or "")
    for match in _CAMEL.finditer(text):
        word = text[: match.start()].split(" ")[-1]
        if not word.startswith(_NAME_PREFIXES) or len(word) > 4:
            text = text[: match.start()]
            break
    return person_name(text)


def _question(source: Source, group: list[Row], columns: QAColumns, taken: set[str]):
    first = group[0]
    title = clean_inline(_value(first, columns.question_title))
    text = _value(first, columns.question_text)
    if not title:
        words = clean_inline(text).split()
        title = " ".join(words[:12]) + ("..." if len(words) > 12 else "")
    qid = _value(first, columns.question_id)
    slug = slugify(title) or "question"
    if slug in taken:
        slug = f"{slug}-{slugify(qid)}" if qid and f"{slug}-{slugify(qid)}" not in taken \
            else _next_free(slug, taken)
    taken.add(slug)
    items: Items = [("question", p, 0) for p in _paragraphs(text)]
    if len(items) == 1 and items[0][1] == title:
        items = []
    tags = dedupe([t for t in (_value(r, columns.topic) for r in group) if t])
    metadata = {"question_id": qid} if qid else {}
    return make_document(source, slug=slug, kind="question", title=title, items=items,
                         url=_value(first, columns.question_url) or None, tags=tags,
                         part=f"row={first.line}", metadata=metadata)


def _answer(source: Source, row: Row, columns: QAColumns, question, n: int):
    info = _value(row, columns.author)
    metadata = {}
    if info:
        metadata["author_info"] = info
    if _value(row, columns.author_url):
        metadata["author_url"] = _value(row, columns.author_url)
    for key in ("upvotes", "views"):
        raw = _value(row, getattr(columns, key))
        if raw:
            metadata[key] = int(raw) if raw.isdigit() else raw
    topic = _value(row, columns.topic)
    return make_document(
        source, slug=f"{question.slug}-answer-{n}", kind="answer",
        title=f"Answer to: {question.title}",
        items=[("answer", p, 0) for p in _paragraphs(_value(row, columns.answer_text))],
        author=therapist_name(info) if info else None, tags=[topic] if topic else [],
        parent=question.slug, part=f"row={row.line}", metadata=metadata)


def _check_header(source: Source, header: list[str], columns: QAColumns, options: LoadOptions,
                  line: int = 1) -> None:
    missing = [c for c in columns.required() if c not in header]
    if not columns.question_title and not columns.question_text:
        raise LoaderError(source.path, "the question/answer columns name neither a question "
                                       "title nor a question text column")
    if missing:
        preset = "explicit qa_columns" if options.qa_columns else \
            f"the '{options.qa_preset}' preset"
        raise LoaderError(source.path, f"missing column(s) {', '.join(missing)} required by "
                                       f"{preset}; found: {', '.join(map(str, header))}", line)


def _row_problem(row: Row, columns: QAColumns) -> str | None:
    absent = [c for c in columns.required() if row.values.get(c) is None]
    if absent:
        return f"row lacks the column(s) {', '.join(absent)}"
    if not _value(row, columns.question_title) and not _value(row, columns.question_text):
        names = " and ".join(c for c in (columns.question_title, columns.question_text) if c)
        return f"empty {names}: the row has no question"
    if columns.answer_text and not _value(row, columns.answer_text):
        return f"empty {columns.answer_text}: the row has no answer"
    return None


def _next_free(slug: str, taken: set[str]) -> str:
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def _value(row: Row, column: str | None) -> str:
    if not column:
        return ""
    value = row.values.get(column)
    return "" if value is None else str(value).strip()


def _paragraphs(text: str) -> list[str]:
    lines = (clean_line(unglue_sentences(x)) for x in text.replace("\r", "\n").split("\n"))
    return [x for x in lines if x]
