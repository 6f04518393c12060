#!/usr/bin/env python3
"""Regenerate data/sample/ from the shared OpenAlex excerpts (maintainer tool; tests never run it).

Usage (from the repository root):
    python3 data/sample/curate.py [SHARED_DIR]
SHARED_DIR defaults to /work/shared/data/openalex (the folder described by its SOURCES.md).
Python 3.8+, standard library only. It rewrites data/sample/{authors,api-pages,snapshot,works}/ and
prints the counts that data/sample/SOURCES.md quotes.

What it does (see SOURCES.md for why):
  * authors/: picks up to MAX_AUTHORS author files greedily, each step adding the file that brings the
    most new internal citation edges per byte, while the chosen files stay under AUTHOR_BUDGET_BYTES;
    drops DROPPED_WORK_FIELDS from every work, keeps `details` whole.
  * api-pages/: the three snowball pages, works trimmed the same way, `meta` whole.
  * snapshot/: the first SNAPSHOT_LINES lines of each snapshot part, byte for byte.
  * works/: every work of the shared author files (chosen or not) whose byline has an entry OpenAlex could not
    attach to an author ("author": {"id": null}), unless the sample already has it: file-name order, then list
    order, each work once, trimmed the same way, one compact JSON object per line (the snapshot's works shape).
Values are never altered: records are parsed and re-serialised compactly, only fields are dropped.
"""
import json
import os
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/openalex"
OUT = os.path.dirname(os.path.abspath(__file__))

MAX_AUTHORS = 5
AUTHOR_BUDGET_BYTES = 2_300_000
SNAPSHOT_LINES = 25

# Heavy Work fields the gateway does not read. Everything else is kept as it is.
DROPPED_WORK_FIELDS = {
    "concepts", "mesh", "locations", "sustainable_development_goals", "awards",
    "funders", "content_urls", "citation_normalized_percentile", "cited_by_percentile_year",
    "apc_list", "apc_paid", "keywords", "indexed_in", "biblio", "best_oa_location",
}

SNOWBALL_PAGES = [("keypaper", "snowball-keypaper.json"), ("cited", "snowball-cited.json"),
                  ("citing", "snowball-citing.json")]
SNAPSHOT_PARTS = [("institutions", "institutions.jsonl"), ("sources", "sources.jsonl")]
UNATTACHED_WORKS = "unattached-bylines.jsonl"


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def trim_work(work):
    return {k: v for k, v in work.items() if k not in DROPPED_WORK_FIELDS}


def document(head_key, head, list_key, items):
    """One JSON document, one list element per line (valid JSON, readable diffs)."""
    body = ",\n".join(compact(item) for item in items)
    return "{%s:%s,\n%s:[\n%s\n]}\n" % (compact(head_key), compact(head), compact(list_key), body)


def load_authors():
    folder = os.path.join(SHARED, "idb_author_data")
    authors = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            data = json.load(handle)
        works = [trim_work(w) for w in data["works"]]
        text = document("details", data["details"], "works", works)
        authors[name[:-5]] = {"details": data["details"], "works": works, "text": text,
                              "size": len(text.encode("utf-8"))}
    return authors


def internal_edges(works_by_id):
    """referenced_works entries pointing to another work of the set (self-references excluded)."""
    return sum(1 for wid, w in works_by_id.items() for ref in w.get("referenced_works") or []
               if ref in works_by_id and ref != wid)


def has_unattached_entry(work):
    """A byline entry OpenAlex could not attach to an author: its author object has "id": null."""
    return any(isinstance(a.get("author"), dict) and "id" in a["author"] and a["author"]["id"] is None
               for a in work.get("authorships") or [])


def unattached_works(authors, already):
    """Works of every author file with an unattached byline entry, not in `already`; file then list order."""
    picked = {}
    for aid in sorted(authors):
        for w in authors[aid]["works"]:
            if has_unattached_entry(w) and w["id"] not in already and w["id"] not in picked:
                picked[w["id"]] = (aid, w)
    return list(picked.values())


def works_of(authors, chosen):
    works = {}
    for aid in chosen:
        for w in authors[aid]["works"]:
            works[w["id"]] = w
    return works


def choose_authors(authors):
    chosen, size, edges = [], 0, 0
    while len(chosen) < MAX_AUTHORS:
        best = None
        for aid in sorted(authors):
            if aid in chosen or size + authors[aid]["size"] > AUTHOR_BUDGET_BYTES:
                continue
            gain = internal_edges(works_of(authors, chosen + [aid])) - edges
            score = gain / authors[aid]["size"]
            if best is None or score > best[0]:
                best = (score, aid, gain)
        if best is None:
            break
        chosen.append(best[1])
        size += authors[best[1]]["size"]
        edges += best[2]
        print("picked %s: +%d edges, %d bytes" % (best[1], best[2], authors[best[1]]["size"]))
    return chosen


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def clean(folder):
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))


def main():
    authors = load_authors()
    chosen = choose_authors(authors)
    clean(os.path.join(OUT, "authors"))
    for aid in chosen:
        write(os.path.join(OUT, "authors", aid + ".json"), authors[aid]["text"])

    clean(os.path.join(OUT, "api-pages"))
    page_works = []
    for folder, target in SNOWBALL_PAGES:
        with open(os.path.join(SHARED, "openalexpro_snowball", folder + "_json", "results_page_1.json"),
                  encoding="utf-8") as handle:
            page = json.load(handle)
        results = [trim_work(w) for w in page["results"]]
        page_works.extend(results)
        write(os.path.join(OUT, "api-pages", target), document("meta", page["meta"], "results", results))

    clean(os.path.join(OUT, "snapshot"))
    snapshot_counts = {}
    for entity, target in SNAPSHOT_PARTS:
        # newline="" keeps every line byte for byte (no newline translation).
        with open(os.path.join(SHARED, "go_openalex_sample", entity, "part_000"), encoding="utf-8",
                  newline="") as handle:
            lines = [line for _, line in zip(range(SNAPSHOT_LINES), handle)]
        write(os.path.join(OUT, "snapshot", target), "".join(lines))
        snapshot_counts[entity] = len(lines)

    author_works = works_of(authors, chosen)
    snowball = {w["id"]: w for w in page_works}
    everything = dict(author_works)
    everything.update(snowball)

    clean(os.path.join(OUT, "works"))
    unattached = unattached_works(authors, everything)
    write(os.path.join(OUT, "works", UNATTACHED_WORKS), "".join(compact(w) + "\n" for _, w in unattached))
    for aid, w in unattached:
        positions = [i + 1 for i, a in enumerate(w["authorships"]) if a["author"]["id"] is None]
        print("unattached byline entries: %s (from %s) at positions %s" % (w["id"], aid, positions))
    unattached_by_id = {w["id"]: w for _, w in unattached}
    everything.update(unattached_by_id)
    entries = sum(len(authors[a]["works"]) for a in chosen) + len(page_works) + len(unattached)
    print()
    print("authors: %s" % ", ".join(chosen))
    print("author-file work entries: %d, unique: %d, internal edges: %d, with abstract: %d" % (
        sum(len(authors[a]["works"]) for a in chosen), len(author_works), internal_edges(author_works),
        sum(1 for w in author_works.values() if w.get("abstract_inverted_index"))))
    print("api-page work entries: %d, unique: %d, internal edges: %d, with abstract: %d" % (
        len(page_works), len(snowball), internal_edges(snowball),
        sum(1 for w in snowball.values() if w.get("abstract_inverted_index"))))
    print("unattached-byline works: %d, internal edges among them: %d, with abstract: %d" % (
        len(unattached), internal_edges(unattached_by_id),
        sum(1 for w in unattached_by_id.values() if w.get("abstract_inverted_index"))))
    print("whole sample: work entries %d, unique works %d, internal edges %d, with abstract %d" % (
        entries, len(everything), internal_edges(everything),
        sum(1 for w in everything.values() if w.get("abstract_inverted_index"))))
    print("snapshot lines: %s" % snapshot_counts)


if __name__ == "__main__":
    main()
