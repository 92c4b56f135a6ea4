"""Read the default taxonomy (YAML package data), merge content teams' files over it, validate.

A taxonomy file is a mapping with a ``concepts:`` list and optionally a ``retire:`` list of slugs
and a ``rejected:`` list of candidate phrases the team turned down (never proposed again)::

    concepts:
      - slug: pursuer
        label: pursuer
        kind: cycle_role
        alt_labels: [pursuing partner]
        definition: The partner who presses for contact and talks when the couple is strained.
        broader: [cycle-role]
        related: [{kind: part_of, target: pursue-withdraw-cycle}]
        sensitive: false
        context:                       # labels that name it only beside one of the words
          - {labels: [pursuing], words: [withdraw, distance, cycle]}
        unless: [pursue a career]      # phrases that void a match of the concept inside them
    retire: [old-slug]
    rejected: [move forward, keep in mind]

A ``*`` between a label's words stands for up to ``GAP_WORDS`` words of the text
("feel * rejected" also matches "feel so rejected").

Files are merged in order (the default files first). An entry whose slug is new adds a
concept; an entry whose slug exists adds its ``alt_labels``, ``context`` and ``unless`` entries
and overrides every other field it gives; ``retire: true`` on an entry (or the slug in a
top-level ``retire:`` list) removes the concept, and every reference to a retired concept is
dropped. The merged result is validated as a whole: every problem is collected and raised at
once as ``TaxonomyError``, each naming the file, the concept and the problem.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import TaxonomyError
from ..yamlsafe import SafeLoader, load_yaml
from .model import GAP, TYPED_RELATIONS, Concept, ConceptKind, ConceptLink, LabelContext
from .model import RelationKind, Taxonomy
from .normalize import normalize_phrase

DEFAULT_FILES = (
    "attachment_style.yaml", "relationship_cycle.yaml", "cycle_role.yaml", "warning_sign.yaml",
    "therapy_modality.yaml", "emotion.yaml", "need.yaml", "behavior.yaml", "skill.yaml",
    "barrier.yaml", "outcome.yaml", "relationship_type.yaml", "condition.yaml",
)
FIELDS = ("slug", "label", "kind", "alt_labels", "definition", "broader", "related", "sensitive",
          "context", "unless", "retire")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Spellings accepted for a kind besides the enum's own name (any case).
_KIND_ALIASES = {"BEHAVIOUR": ConceptKind.BEHAVIOR}


def load_taxonomy(extra: Iterable[str | Path] = ()) -> Taxonomy:
    """The default taxonomy merged with the ``extra`` files, in order.

    Raises ``TaxonomyError`` listing every problem found (in any file) when the result is invalid.

    >>> len(load_taxonomy()) > 250
    True
    """
    merger = _Merger()
    for name in DEFAULT_FILES:
        resource = resources.files(__package__) / name
        merger.merge_text(resource.read_text(encoding="utf-8"), str(resource), default=True)
    for path in extra:
        path = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            merger.problems.append(f"{path}: cannot read the file: {err}")
            continue
        merger.merge_text(text, path)
    return merger.result()


def check_files(paths: Iterable[str | Path]) -> list[str]:
    """The problems found when ``paths`` are merged over the default taxonomy (empty when valid)."""
    try:
        load_taxonomy(paths)
    except TaxonomyError as err:
        return err.problems
    return []


@dataclass
class _Entry:
    """A concept while merging, with where each part came from."""

    concept: Concept
    line: int | None = None
    alt_sources: dict[str, str] = field(default_factory=dict)  # alt label -> file:line


class _Loader(SafeLoader):
    """Safe YAML loader that records each mapping's line as ``__line__``."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@lru_cache(maxsize=64)
def _parse_yaml(text: str):
    """The parsed YAML of ``text`` (cached: the default files are read on every load; callers
    must not mutate the result)."""
    return load_yaml(text, _Loader)


class _Merger:
    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.retired: set[str] = set()
        self.rejected: set[str] = set()  # normalised candidate phrases the team turned down
        self.problems: list[str] = []
        self.files: list[str] = []

    # --- reading one file -------------------------------------------------------------------

    def merge_text(self, text: str, path: str, default: bool = False) -> None:
        self.files.append(path)
        try:
            data = _parse_yaml(text)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            where = f"line {mark.line + 1}" if mark else "unknown line"
            self.problems.append(f"{path}: {where}: bad YAML: {err.problem or err.context}")
            return
        except yaml.YAMLError as err:
            self.problems.append(f"{path}: bad YAML: {err}")
            return
        if data is None:
            return
        if not isinstance(data, dict):
            self.problems.append(f"{path}: the file must be a mapping with a 'concepts' list")
            return
        for key in sorted(set(data) - {"concepts", "retire", "rejected", "__line__"}):
            self.problems.append(f"{path}: unknown top-level key '{key}' (use 'concepts', "
                                 f"'retire', 'rejected')")
        concepts = data.get("concepts") or []
        if not isinstance(concepts, list):
            self.problems.append(f"{path}: 'concepts' must be a list")
            concepts = []
        seen: dict[str, int | None] = {}
        for raw in concepts:
            if not isinstance(raw, dict):
                self.problems.append(f"{path}: each item of 'concepts' must be a mapping, "
                                     f"got {reprlib.repr(raw)}")
                continue
            line = raw.get("__line__")
            where = f"{path}:{line}" if line else path
            slug = raw.get("slug")
            if not isinstance(slug, str) or not _SLUG.match(slug):
                self.problems.append(f"{where}: concept {slug!r}: bad or missing slug (use "
                                     f"lowercase words joined by hyphens)")
                continue
            if slug in seen:
                self.problems.append(f"{where}: concept '{slug}': duplicate slug in this file "
                                     f"(first at line {seen[slug]})")
                continue
            seen[slug] = line
            self._merge_entry(raw, slug, path, where, line, default)
        retire = data.get("retire") or []
        if not isinstance(retire, list) or not all(isinstance(s, str) for s in retire):
            self.problems.append(f"{path}: 'retire' must be a list of concept slugs")
            retire = []
        for slug in retire:
            self._retire(slug, path)
        rejected = data.get("rejected") or []
        if not isinstance(rejected, list) or not all(isinstance(p, str) for p in rejected):
            self.problems.append(f"{path}: 'rejected' must be a list of phrases")
            rejected = []
        self.rejected.update(normalize_phrase(p) for p in rejected if p.strip())

    def _merge_entry(self, raw: dict, slug: str, path: str, where: str, line: int | None,
                     default: bool) -> None:
        unknown = sorted(set(raw) - set(FIELDS) - {"__line__"})
        if unknown:
            self.problems.append(f"{where}: concept '{slug}': unknown field(s) "
                                 f"{', '.join(unknown)} (allowed: {', '.join(FIELDS)})")
        if raw.get("retire") is True:
            self._retire(slug, where)
            return
        if raw.get("retire") not in (None, False):
            self.problems.append(f"{where}: concept '{slug}': 'retire' must be true or false")
        existing = self.entries.get(slug)
        if existing is not None and default:
            self.problems.append(f"{where}: concept '{slug}': duplicate slug, already defined in "
                                 f"{existing.concept.source}")
            return
        fields = self._parse_fields(raw, slug, where)
        if existing is None:
            missing = [name for name in ("label", "kind") if name not in raw]
            if missing:
                self.problems.append(f"{where}: concept '{slug}': new concept without "
                                     f"{' and '.join(missing)}")
                return
            if "label" not in fields or "kind" not in fields:
                return  # the bad field is already reported
            concept = Concept(slug=slug, label=fields["label"], kind=fields["kind"])
            existing = self.entries[slug] = _Entry(concept, line)
            self.retired.discard(slug)
        concept = existing.concept
        for name in ("label", "kind", "definition", "broader", "related", "sensitive"):
            if name in fields:
                setattr(concept, name, fields[name])
        for alt in fields.get("alt_labels", ()):
            if alt not in concept.alt_labels:
                concept.alt_labels.append(alt)
                existing.alt_sources[alt] = where
        for context in fields.get("context", ()):
            if context not in concept.context:
                concept.context.append(context)
        for phrase in fields.get("unless", ()):
            if phrase not in concept.unless:
                concept.unless.append(phrase)
        concept.source = path
        existing.line = line

    def _parse_fields(self, raw: dict, slug: str, where: str) -> dict:
        """The fields of one entry, typed; each bad field is reported and left out."""
        fields: dict = {}

        def bad(problem: str) -> None:
            self.problems.append(f"{where}: concept '{slug}': {problem}")

        if "label" in raw:
            if isinstance(raw["label"], str) and raw["label"].strip():
                fields["label"] = " ".join(raw["label"].split())
                if GAP in fields["label"]:
                    bad(f"the label cannot hold a gap '{GAP}' (write it as an altLabel)")
            else:
                bad(f"'label' must be a non-empty string, got {raw['label']!r}")
        if "kind" in raw:
            kind = _parse_kind(raw["kind"])
            if kind is None:
                bad(f"unknown kind {raw['kind']!r} (use one of "
                    f"{', '.join(k.value.lower() for k in ConceptKind)})")
            else:
                fields["kind"] = kind
        if "alt_labels" in raw:
            alts = raw["alt_labels"] or []
            if not isinstance(alts, list):
                bad(f"'alt_labels' must be a list of strings, got {alts!r}")
            else:
                wrong = [a for a in alts if not isinstance(a, str) or not a.strip()]
                if wrong:
                    bad(f"'alt_labels' must hold non-empty strings (quote numbers), got "
                        f"{', '.join(map(repr, wrong))}")
                else:
                    fields["alt_labels"] = _phrases(alts, "altLabel", bad)
        if "definition" in raw:
            definition = raw["definition"]
            if definition is None:
                fields["definition"] = None
            elif isinstance(definition, str) and "\n" not in definition.strip():
                fields["definition"] = definition.strip()
            else:
                bad("'definition' must be one line of text")
        if "broader" in raw:
            broader = raw["broader"] or []
            if isinstance(broader, str):
                broader = [broader]
            if isinstance(broader, list) and all(isinstance(b, str) for b in broader):
                fields["broader"] = list(dict.fromkeys(broader))
            else:
                bad("'broader' must be a list of concept slugs")
        if "related" in raw:
            links = self._parse_related(raw["related"] or [], bad)
            if links is not None:
                fields["related"] = links
        if "context" in raw:
            fields["context"] = self._parse_context(raw["context"] or [], bad)
        if "unless" in raw:
            unless = raw["unless"] or []
            if isinstance(unless, list) and unless and all(
                    isinstance(u, str) and u.strip() for u in unless):
                fields["unless"] = _phrases(unless, "'unless' phrase", bad)
            else:
                bad(f"'unless' must be a list of phrases, got {unless!r}")
        if "sensitive" in raw:
            if isinstance(raw["sensitive"], bool):
                fields["sensitive"] = raw["sensitive"]
            else:
                bad(f"'sensitive' must be true or false, got {raw['sensitive']!r}")
        return fields

    @staticmethod
    def _parse_context(items, bad) -> list[LabelContext]:
        contexts: list[LabelContext] = []
        if not isinstance(items, list):
            bad("'context' must be a list of {labels, words} mappings")
            return contexts
        for item in items:
            shown = {k: v for k, v in item.items() if k != "__line__"} \
                if isinstance(item, dict) else item
            if not isinstance(shown, dict) or set(shown) != {"labels", "words"} or not all(
                    isinstance(shown[k], list) and shown[k]
                    and all(isinstance(x, str) and x.strip() for x in shown[k])
                    for k in ("labels", "words")):
                bad(f"each 'context' item must be {{labels: [...], words: [...]}} with non-empty "
                    f"lists of phrases, got {shown!r}")
                continue
            labels = _phrases(shown["labels"], "a context label", bad)
            words = _phrases(shown["words"], "a context word", bad, gaps=False)
            contexts.append(LabelContext(tuple(labels), tuple(words)))
        return contexts

    @staticmethod
    def _parse_related(items, bad) -> list[ConceptLink] | None:
        if not isinstance(items, list):
            bad("'related' must be a list of {kind, target} mappings")
            return None
        allowed = ", ".join(sorted(k.value.lower() for k in TYPED_RELATIONS))
        links: list[ConceptLink] = []
        for item in items:
            shown = {k: v for k, v in item.items() if k != "__line__"} \
                if isinstance(item, dict) else item
            if not isinstance(shown, dict) or set(shown) - {"kind", "target"} \
                    or not isinstance(shown.get("target"), str):
                bad(f"each 'related' item must be {{kind, target}}, got {shown!r}")
                continue
            try:
                kind = RelationKind(str(item.get("kind", "")).upper())
            except ValueError:
                kind = None
            if kind not in TYPED_RELATIONS:
                bad(f"unknown relation kind {item.get('kind')!r} (use one of {allowed})")
                continue
            link = ConceptLink(kind, item["target"])
            if link not in links:
                links.append(link)
        return links

    def _retire(self, slug: str, where: str) -> None:
        if slug in self.entries:
            del self.entries[slug]
            self.retired.add(slug)
        elif slug not in self.retired:
            self.problems.append(f"{where}: concept '{slug}': cannot retire an unknown concept")

    # --- the merged result ------------------------------------------------------------------

    def result(self) -> Taxonomy:
        for entry in self.entries.values():
            concept = entry.concept
            concept.broader = [b for b in concept.broader if b not in self.retired]
            concept.related = [r for r in concept.related if r.target not in self.retired]
        self._check_references()
        self._check_cycles()
        self._check_labels()
        if self.problems:
            raise TaxonomyError(self.problems)
        return Taxonomy({slug: e.concept for slug, e in self.entries.items()}, list(self.files),
                        frozenset(self.rejected))

    def _where(self, slug: str) -> str:
        entry = self.entries[slug]
        source = entry.concept.source
        return f"{source}:{entry.line}" if entry.line else str(source)

    def _check_references(self) -> None:
        for slug, entry in self.entries.items():
            concept = entry.concept
            for target in concept.broader:
                if target == slug:
                    self.problems.append(f"{self._where(slug)}: concept '{slug}': is its own "
                                         f"broader concept")
                elif target not in self.entries:
                    self.problems.append(f"{self._where(slug)}: concept '{slug}': unknown "
                                         f"reference: broader '{target}' is not a concept")
            for link in concept.related:
                if link.target == slug:
                    self.problems.append(f"{self._where(slug)}: concept '{slug}': is related to "
                                         f"itself ({link.kind.value.lower()})")
                elif link.target not in self.entries:
                    self.problems.append(f"{self._where(slug)}: concept '{slug}': unknown "
                                         f"reference: related {link.kind.value.lower()} "
                                         f"'{link.target}' is not a concept")

    def _check_cycles(self) -> None:
        """Report each cycle of ``broader`` links once (self-loops are reported as references)."""
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset[str]] = set()

        def visit(slug: str, path: list[str]) -> None:
            state[slug] = 1
            path.append(slug)
            for target in self.entries[slug].concept.broader:
                if target == slug or target not in self.entries:
                    continue
                if state.get(target) == 1:
                    cycle = path[path.index(target):]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        shown = " -> ".join([*cycle, target])
                        self.problems.append(f"{self._where(target)}: concept '{target}': "
                                             f"broader cycle: {shown}")
                elif target not in state:
                    visit(target, path)
            path.pop()
            state[slug] = 2

        for slug in sorted(self.entries):
            if slug not in state:
                visit(slug, [])

    def _check_labels(self) -> None:
        """Each label and altLabel, normalised (case, dashes, quotes, UK/US spelling, lemmas),
        must belong to one concept only."""
        owners: dict[str, tuple[str, str, str]] = {}  # normalised -> (slug, label, where)
        for slug, entry in self.entries.items():
            concept = entry.concept
            labels = [(concept.label, self._where(slug))]
            labels += [(alt, entry.alt_sources.get(alt, self._where(slug)))
                       for alt in concept.alt_labels]
            for label, where in labels:
                key = normalize_phrase(label)
                if not key:
                    self.problems.append(f"{where}: concept '{slug}': label {label!r} has no "
                                         f"words")
                    continue
                owner = owners.setdefault(key, (slug, label, where))
                if owner[0] != slug:
                    self.problems.append(
                        f"{where}: concept '{slug}': altLabel {label!r} is already claimed by "
                        f"concept '{owner[0]}' as {owner[1]!r} ({owner[2]})")


# Words that cannot make a part of a gapped label on their own: "be * in love" would look at
# every "is" and "was" of a text.
_FUNCTION_WORDS = frozenset("""a an the be is are was were am been being as to of in on for and or
at by with it this that i you he she they we me him her them my your his our their so too very
just not no do does did have has had""".split())


def _phrases(items: list[str], what: str, bad, gaps: bool = True) -> list[str]:
    """``items`` with their spaces normalised; a bad gap ``*`` (not between two words, where gaps
    are not allowed, or next to a part of function words only) is reported."""
    phrases = []
    for item in items:
        phrase = " ".join(item.split())
        parts = phrase.split(f" {GAP} ")
        if GAP in phrase and (not gaps or any(GAP in p or not normalize_phrase(p) for p in parts)):
            bad(f"{what} {item!r}: a gap '{GAP}' may only stand between two words (as in "
                f"'feel {GAP} rejected')" if gaps else f"{what} {item!r}: no gap '{GAP}' here")
            continue
        if GAP in phrase and any(_FUNCTION_WORDS.issuperset(p.lower().split()) for p in parts):
            bad(f"{what} {item!r}: each part around a gap '{GAP}' needs a word other than "
                f"'a', 'the', 'is', 'as'... (write 'be in love', not 'be {GAP} in love')")
            continue
        if not normalize_phrase(phrase):
            bad(f"{what} {item!r} has no words")
            continue
        phrases.append(phrase)
    return phrases


def _parse_kind(value) -> ConceptKind | None:
    if not isinstance(value, str):
        return None
    name = value.strip().upper().replace("-", "_").replace(" ", "_")
    if name in _KIND_ALIASES:
        return _KIND_ALIASES[name]
    try:
        return ConceptKind(name)
    except ValueError:
        return None

