"""The server's settings, declared once: the CLI options, the environment variables
(``CONTENTGRAPH_<NAME>``) and validation all read ``SETTINGS`` (and ``tests/test_docs.py``
checks that docs/settings.md documents each one)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

from .errors import SettingError
from .schema import Limits

ENV_PREFIX = "CONTENTGRAPH_"
DEFAULT_HELP_NOTICE = ("If you or someone you know is in danger, or thinking about suicide or "
                       "self-harm, contact your local emergency services now.")
LINK_SCHEMES = ("http://", "https://", "tel:", "mailto:")


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: str  # one of PARSERS
    default: Any
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "str", "127.0.0.1", "Address to listen on."),
    Setting("port", "port", 8000, "Port to listen on."),
    Setting("graph", "path", None,
            "Graph store to serve (from `contentgraph build`); none: the bundled example corpus."),
    Setting("workers", "positive", 1,
            "Server processes sharing one store (more than 1: forked after the app loads, "
            "on Unix)."),
    Setting("cors_origins", "list", (),
            "Origins allowed to call the API from a browser, comma-separated ('*' for any)."),
    Setting("max_depth", "count", 10, "Deepest nesting of fields a query may have."),
    Setting("max_aliases", "count", 15, "Most aliases in one query."),
    Setting("max_tokens", "count", 1000, "Most tokens (names, braces, values) in one query."),
    Setting("max_fields", "count", 2000,
            "Most fields in one query, counting each fragment at every place it is spread."),
    Setting("max_cost", "count", 10_000,
            "Most objects a query could return: each list counted at its `first`, or at the "
            "longest it is in the served graph."),
    Setting("max_body", "count", 100 * 1024, "Largest request body, in bytes."),
    Setting("max_batch", "count", 10, "Most operations in one batched request."),
    Setting("read_timeout", "seconds", 10.0,
            "Longest a client may take to send a whole request (head and body); a slower "
            "connection is closed."),
    Setting("introspection", "bool", True,
            "Answer introspection queries (off also stops field suggestions in errors)."),
    Setting("reload", "bool", True,
            "Reload the graph store when its file changes or on SIGHUP, without downtime."),
    Setting("reload_interval", "seconds", 1.0, "How often to check the graph store file."),
    Setting("cache_size", "count", 1024,
            "Answers kept in the response cache, which all the workers share (0: none)."),
    Setting("cache_bytes", "count", 64 * 1024 * 1024,
            "Bytes the response cache may hold on disk, in a private temporary folder (answers, "
            "their keys and the index); an answer larger than a sixteenth of it is not cached."),
    Setting("graph_cache_bytes", "count", 64 * 1024 * 1024,
            "Bytes of documents, passages and related lists the server keeps in memory, shared "
            "out among the workers (least recently used dropped first; 0: none)."),
    Setting("help_notice", "str", DEFAULT_HELP_NOTICE,
            "The notice shown on the explorer's pages about a sensitive topic (self-harm, "
            "abuse...): the concept's page and documents where one is central."),
    Setting("help_links", "links", (),
            "Links under the help notice, as LABEL=URL pairs separated by commas (http, https, "
            "tel or mailto addresses), e.g. 'Call us=tel:+15550100'."),
)
_BY_NAME = {s.name: s for s in SETTINGS}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _int(text: str, low: int, high: float = float("inf")) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError("not a whole number") from None
    if not low <= value <= high:
        raise ValueError(f"must be between {low} and {high}" if high != float("inf")
                         else f"must be at least {low}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number of seconds") from None
    if not value > 0:
        raise ValueError("must be a positive number of seconds")
    return value


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE | _FALSE:
        return lowered in _TRUE
    raise ValueError("must be one of " + ", ".join(sorted(_TRUE | _FALSE)))


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _links(text: str) -> tuple[tuple[str, str], ...]:
    """``LABEL=URL`` pairs separated by commas, each URL an http, https, tel or mailto address.

    >>> _links("Crisis line=tel:+15550100, Our team=https://example.org/contact")
    (('Crisis line', 'tel:+15550100'), ('Our team', 'https://example.org/contact'))
    """
    pairs = []
    for part in _list(text):
        label, sep, url = (piece.strip() for piece in part.partition("="))
        if not (sep and label and url):
            raise ValueError(f"{part!r} is not LABEL=URL")
        if not url.lower().startswith(LINK_SCHEMES) or any(c.isspace() for c in url):
            raise ValueError(f"{url!r} is not an http, https, tel or mailto address")
        pairs.append((label, url))
    return tuple(pairs)


def _str(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text.strip()


# type name -> (parser of text, Python type)
PARSERS: dict[str, tuple[Callable[[str], Any], type]] = {
    "str": (_str, str), "port": (lambda t: _int(t, 0, 65535), int),
    "count": (lambda t: _int(t, 0), int), "positive": (lambda t: _int(t, 1), int),
    "seconds": (_seconds, float), "bool": (_bool, bool),
    "list": (_list, tuple), "links": (_links, tuple), "path": (Path, Path),
}


def parse(name: str, raw: Any) -> Any:
    """The value of setting ``name`` given as text (or already typed).

    Raises SettingError naming the setting and the value.
    """
    setting = _BY_NAME.get(name)
    if setting is None:
        raise SettingError(name, raw, "no such setting")
    parser = PARSERS[setting.type][0]
    if isinstance(raw, (list, tuple)):
        raw = ",".join("=".join(item) if isinstance(item, tuple) else str(item) for item in raw)
    elif isinstance(raw, bool):
        raw = "true" if raw else "false"
    try:
        return parser(str(raw))
    except ValueError as err:
        raise SettingError(name, raw, str(err)) from None


def _from_sources(cls, options: Mapping[str, Any] | None = None,
                  env: Mapping[str, str] | None = None):
    """Settings from options (CLI, first), then ``CONTENTGRAPH_*`` variables, then defaults.

    Raises SettingError naming the setting and the value when one is invalid.
    """
    options, env = options or {}, env or {}
    for name in options:
        if name not in _BY_NAME:
            raise SettingError(name, options[name], "no such setting")
    values = {}
    for setting in SETTINGS:
        raw = options.get(setting.name)
        if raw is None:
            raw = env.get(setting.env)
        if raw is not None:
            values[setting.name] = parse(setting.name, raw)
    return cls(**values)


def _limits(self) -> Limits:
    """The schema's limits."""
    return Limits(depth=self.max_depth, aliases=self.max_aliases, tokens=self.max_tokens,
                  fields=self.max_fields, cost=self.max_cost, batch=self.max_batch, introspection=self.introspection)


Settings = make_dataclass(
    "Settings",
    [(s.name, PARSERS[s.type][1] | None if s.default is None else PARSERS[s.type][1],
      field(default=s.default)) for s in SETTINGS],
    frozen=True,
    namespace={"from_sources": classmethod(_from_sources), "limits": _limits,
               "__doc__": "Validated server settings: one attribute per entry of SETTINGS."},
)
Settings.__module__ = __name__
