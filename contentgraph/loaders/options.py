"""What a load can be told: size limit, encoding, question/answer column names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class QAColumns:
    """Column (or JSON key) names of a question/answer corpus; None means "not present".

    One row per answer; rows sharing ``question_id`` (or, without it, the same title and text)
    belong to one question. A title or a text column is required; without ``answer_text`` only
    questions load.
    """

    question_id: str | None = None
    question_title: str | None = None
    question_text: str | None = None
    answer_text: str | None = None
    topic: str | None = None
    author: str | None = None  # the answering therapist
    question_url: str | None = None
    author_url: str | None = None
    upvotes: str | None = None
    views: str | None = None

    def required(self) -> list[str]:
        """Column names every row must have."""
        return [c for c in (self.question_title, self.question_text, self.answer_text) if c]

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]


QA_PRESETS: dict[str, QAColumns] = {
    "counsel-chat": QAColumns(
        question_id="questionID", question_title="questionTitle", question_text="questionText",
        answer_text="answerText", topic="topic", author="therapistInfo",
        question_url="questionLink", author_url="therapistURL", upvotes="upvotes", views="views",
    ),
    "generic": QAColumns(
        question_id="question_id", question_title="title", question_text="question",
        answer_text="answer", topic="topic", author="author", question_url="url",
    ),
}


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """Options for ``load``.

    ``max_bytes``: larger files are refused with a LoadError (default 20 MB).
    ``encoding``: force one text encoding instead of detecting it.
    ``qa_preset`` / ``qa_columns``: how to read .csv/.jsonl question-and-answer files; explicit
    ``qa_columns`` win over the preset.
    ``progress``: called as ``progress(path, done, total)`` after each file.
    """

    max_bytes: int = 20 * MB
    encoding: str | None = None
    qa_preset: str = "counsel-chat"
    qa_columns: QAColumns | None = None
    progress: Callable[[str, int, int], None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.qa_columns is None and self.qa_preset not in QA_PRESETS:
            raise ValueError(f"unknown qa_preset {self.qa_preset!r} "
                             f"(choose from {', '.join(QA_PRESETS)})")

    @property
    def columns(self) -> QAColumns:
        """The question/answer columns in force."""
        return self.qa_columns or QA_PRESETS[self.qa_preset]
