"""Check that extraction finds exactly what a saved reference found: every mention and every
relation cue, all their fields, on real texts.

    .venv/bin/python bench/extract_check.py [save | check] [--reference FILE]

The texts: counsel-chat (every question and answer), the two seed articles, the development
gold's answers (all from ``../shared/corpus``; a source that is not there is left out) and the
bundled example corpus, with the default taxonomy. Without an action it prints how many
mentions (``Extractor.mentions``) and relation cues (``find_cues``) it found and a digest of all
their fields. ``save`` writes them to the reference file (outside the repository by default: it
quotes the corpus); ``check`` extracts again, prints the documents whose mentions or cues differ,
with the first difference of each, and exits 1 if any does. Run ``save`` on the code before a
change meant to keep the output the same, and ``check`` after it.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import tempfile
from dataclasses import astuple
from pathlib import Path

from contentgraph.examples import corpus_path
from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.load import LoadOptions, load
from contentgraph.taxonomy.load import load_taxonomy

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SOURCES = (  # (name, paths, options)
    ("counsel-chat", [CORPUS / "counsel-chat" / "20200325_counsel_chat.csv"],
     LoadOptions(qa_preset="counsel-chat")),
    ("seeds", [CORPUS / "seeds"], None),
    ("dev gold", [CORPUS / "gold" / "counsel-chat-dev"], None),
    ("example corpus", [corpus_path()], None),
)
REFERENCE = Path(tempfile.gettempdir()) / "contentgraph-extract-reference.pickle"


def extract_all() -> dict[tuple[str, str], tuple[list[tuple], list[tuple]]]:
    """(source, document slug) -> (mentions, cues), each as tuples of all their fields."""
    taxonomy = load_taxonomy()
    extractor = Extractor(taxonomy)
    out = {}
    for name, paths, options in SOURCES:
        if not all(path.exists() for path in paths):
            print(f"{name}: not found, left out")
            continue
        result = load(paths, options)
        if result.errors:
            sys.exit(f"{name}: {result.errors[0]}")
        for doc in result.documents:
            mentions = extractor.mentions(doc)
            cues = find_cues(doc, mentions, taxonomy)
            out[name, doc.slug] = ([astuple(m) for m in mentions], [astuple(c) for c in cues])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", nargs="?", choices=("save", "check"))
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args()
    found = extract_all()
    mentions = sum(len(m) for m, _ in found.values())
    cues = sum(len(c) for _, c in found.values())
    digest = hashlib.sha256(pickle.dumps(sorted(found.items()))).hexdigest()[:16]
    print(f"{len(found)} documents, {mentions} mentions, {cues} relation cues (digest {digest})")
    if args.action is None:
        return
    if args.action == "save":
        args.reference.write_bytes(pickle.dumps(found))
        print(f"saved to {args.reference}")
        return
    reference = pickle.loads(args.reference.read_bytes())
    differ = 0
    for key in sorted(reference.keys() | found.keys()):
        if key not in reference or key not in found:
            differ += 1
            print(f"{key}: {'new document' if key in found else 'document missing'}")
            continue
        for what, ours, theirs in zip(("mentions", "cues"), found[key], reference[key]):
            if ours != theirs:
                differ += 1
                first = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
                             min(len(ours), len(theirs)))
                print(f"{key} {what}: {len(ours)} against {len(theirs)} in the reference; "
                      f"first difference at {first}:\n  now  {ours[first:first + 1]}\n"
                      f"  then {theirs[first:first + 1]}")
    if differ:
        sys.exit(f"{differ} differences from {args.reference}")
    print(f"identical to {args.reference}")


if __name__ == "__main__":
    main()
