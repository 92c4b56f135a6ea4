"""Generate realistic pages for benchmarks: paragraphs, list items and headings of the bundled
example corpus recombined into new Markdown and scraped-text pages.

    from generate import generate_pages            # with bench/ on sys.path
    paths = generate_pages(folder, 2000, seed=0)   # 1,000 .md and 1,000 .txt pages

Run as a script: ``python bench/generate.py [FOLDER] [N] [--seed S]`` (no folder: 50 pages in a
temporary folder, removed again; ``--help`` says so).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from contentgraph.examples import corpus_path
from contentgraph.loaders.load import load

BASE_URL = "https://example-practice.test/generated"


def _pieces() -> tuple[list[str], list[str], list[list[str]], list[str]]:
    """Headings, paragraphs, lists (lead-in + items) and authors of the example corpus."""
    headings, paragraphs, lists, authors = [], [], [], set()
    for doc in load([corpus_path()]).documents:
        if doc.kind != "article":
            continue
        authors.add(doc.author)
        current: list[str] | None = None
        for block in doc.blocks[1:]:
            if block.kind == "heading":
                headings.append(block.text)
            elif block.kind == "list_item":
                if current is None:
                    current = [paragraphs.pop() if paragraphs and paragraphs[-1].endswith(":")
                               else "Some points to consider:"]
                    lists.append(current)
                current.append(block.text)
                continue
            elif block.kind == "paragraph":
                paragraphs.append(block.text)
            current = None
    paragraphs = [p for p in paragraphs if not p.endswith(":")]
    return headings, paragraphs, lists, sorted(a for a in authors if a)


def generate_pages(folder: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` pages into ``folder`` (alternately .md with front matter and scraped-style
    .txt), each 4-7 sections long with links to other generated pages; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    headings, paragraphs, lists, authors = _pieces()
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        title = f"{rng.choice(headings)} ({i + 1})"
        slug = f"page-{i + 1:05d}"
        author = rng.choice(authors)
        published = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
        sections = []
        for _ in range(rng.randint(4, 7)):
            body = rng.sample(paragraphs, rng.randint(1, 3))
            if rng.random() < 0.4:
                body.append(rng.choice(lists))
            sections.append((rng.choice(headings), body))
        other = f"{BASE_URL}/page-{rng.randrange(n) + 1:05d}"
        if i % 2 == 0:
            path = folder / f"{slug}.md"
            path.write_text(_markdown(title, slug, author, published, sections, other),
                            encoding="utf-8")
        else:
            path = folder / f"{slug}.txt"
            path.write_text(_scraped(title, slug, author, published, sections, other),
                            encoding="utf-8")
        paths.append(path)
    return paths


def _markdown(title, slug, author, published, sections, other) -> str:
    out = [f"---\ntitle: {json.dumps(title)}\nurl: {BASE_URL}/{slug}\nauthor: {author}\n"
           f"date: {published.isoformat()}\ntags: [generated]\n---\n", f"# {title}\n"]
    for heading, body in sections:
        out.append(f"## {heading}\n")
        for part in body:
            if isinstance(part, list):
                out.append(part[0] + "\n\n" + "\n".join(f"- {item}" for item in part[1:]) + "\n")
            else:
                out.append(part + "\n")
    out.append(f"Read on in [a related page]({other}).\n")
    return "\n".join(out)


def _scraped(title, slug, author, published, sections, other) -> str:
    out = [title, f"By {author} | {published.strftime('%d %B %Y')} | 4 min read",
           f"{BASE_URL}/{slug}", "Home | Articles | Contact", ""]
    for heading, body in sections:
        out.append(heading)
        for part in body:
            out.extend([part[0]] + [f"- {item}" for item in part[1:]]
                       if isinstance(part, list) else [part])
    out += [f"Related reading: {other}", "", "Book a free consultation or contact us today.",
            "Call us on 020 7946 0000", "", author,
            f"{author.split()[0]} is a relationship therapist at the practice.", "Previous",
            "Next", "Comments"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Write generated Markdown and scraped-text "
                                     "pages (recombined from the example corpus) for benchmarks.")
    parser.add_argument("folder", nargs="?", type=Path,
                        help="where to write the pages (default: a temporary folder, removed "
                             "again after counting what was written)")
    parser.add_argument("n", nargs="?", type=int, default=50, help="how many pages (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    if args.folder is not None:
        paths = generate_pages(args.folder, args.n, args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"wrote {len(paths)} pages ({size / 2**20:.1f} MiB) to {args.folder}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_pages(tmp, args.n, args.seed)
        size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} pages ({size / 1024:.0f} KiB) to a temporary folder, removed again")


if __name__ == "__main__":
    main()
