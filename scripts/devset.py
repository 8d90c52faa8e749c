#!/usr/bin/env python3
"""The bulletin development set: check annotated items, and move between the two forms.

An annotated item (kept outside the repository, see devset/README.md) is a text file:
    # id: gne-01
    # outlet: 澎湃新闻
    # region: 上海
    # date: 2019-05-06
    # repo: owner/name
    # commit: <40 hex>
    # path: path/inside/repo
    # extract: how the plain text was taken from that file (one line)
    # passes: 2
    ---
    the item's text, with entities marked ⟦LABEL|surface⟧

The repository keeps only the stand-off form, devset/annotations.jsonl: per item its header,
the SHA-256 of its text and its entities as [start, end, label] in code points, end
exclusive. The news text itself is third-party and is not committed.

Usage:
    python3 scripts/devset.py check ITEM...                  # check items, print stats
    python3 scripts/devset.py standoff ITEM... > devset/annotations.jsonl
    python3 scripts/devset.py gold --texts DIR [--split tune|report] > gold.jsonl
        # joins devset/annotations.jsonl with the texts in DIR (annotated items <id>.txt,
        # or plain texts <id>.txt); refuses a text whose SHA-256 differs. One record per
        # paragraph, with "outlet" for `evaluate --by-outlet`.
"""
import json, re, sys, hashlib, os
LABELS = {"PER", "LOC", "ORG", "DATE", "NUM", "TERM"}
KEYS = ["id", "outlet", "region", "date", "repo", "commit", "path", "extract", "passes"]
MARK = re.compile(r"⟦([A-Z]+)\|([^⟦⟧]*)⟧")


def parse(path):
    raw = open(path, encoding="utf-8", newline="").read()
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise ValueError("no '---' line between header and text")
    meta = {}
    for line in head.splitlines():
        m = re.match(r"#\s*(\w+):\s*(.*)$", line)
        if not m:
            raise ValueError(f"bad header line: {line!r}")
        meta[m.group(1)] = m.group(2).strip()
    missing = [k for k in KEYS if not meta.get(k)]
    if missing:
        raise ValueError(f"header lacks {missing}")
    if not re.fullmatch(r"[0-9a-f]{40}", meta["commit"]):
        raise ValueError("commit is not 40 hex digits")
    text, ents, pos = [], [], 0
    n = 0
    for m in MARK.finditer(body):
        text.append(body[pos:m.start()])
        n += len(body[pos:m.start()])
        label, surface = m.group(1), m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label} at {surface!r}")
        if not surface.strip():
            raise ValueError(f"empty or blank span {surface!r}")
        if surface != surface.strip():
            raise ValueError(f"white space at the edge of {surface!r}")
        if label == "TERM" and any(q in surface[:1] + surface[-1:] for q in "“”‘’\"'"):
            raise ValueError(f"TERM {surface!r} includes its quote marks")
        ents.append({"start": n, "end": n + len(surface), "label": label, "text": surface})
        text.append(surface)
        n += len(surface)
        pos = m.end()
    text.append(body[pos:])
    text = "".join(text)
    if "⟦" in text or "⟧" in text:
        raise ValueError("unbalanced ⟦ ⟧ in the text")
    return meta, text, ents


def paragraphs(text, ents):
    """One record per non-empty line, offsets rebased to the line."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            es = [dict(e, start=e["start"] - start, end=e["end"] - start) for e in ents if start <= e["start"] < end]
            for e in es:
                if e["end"] > len(line):
                    raise ValueError(f"span {e['text']!r} crosses a line break")
            out.append({"text": line, "entities": es})
        start = end + 1
    return out


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ANNOTATIONS = os.path.join(ROOT, "devset", "annotations.jsonl")
# Tuning looks only at these sources; the others are reported, never tuned on.
TUNE_PREFIXES = ("cor-",)


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(paths):
    total_chars = total_ents = bad = 0
    outlets = set()
    for path in paths:
        try:
            meta, text, ents = parse(path)
            paragraphs(text, ents)
        except ValueError as e:
            print(f"{path}: ERROR {e}")
            bad += 1
            continue
        counts = {}
        for e in ents:
            counts[e["label"]] = counts.get(e["label"], 0) + 1
        print(f"{path}: {len(text)} chars, {len(ents)} spans {counts}")
        total_chars += len(text)
        total_ents += len(ents)
        outlets.add(meta["outlet"])
    print(f"total: {len(paths) - bad} items ok, {bad} bad, {total_chars} chars, {total_ents} spans, {len(outlets)} outlets")
    return 1 if bad else 0


def standoff(paths):
    for path in sorted(paths):
        meta, text, ents = parse(path)
        paragraphs(text, ents)
        item = dict(meta)
        item["split"] = "tune" if meta["id"].startswith(TUNE_PREFIXES) else "report"
        item["sha256"] = sha(text)
        item["chars"] = len(text)
        item["entities"] = [[e["start"], e["end"], e["label"]] for e in ents]
        print(json.dumps(item, ensure_ascii=False))
    return 0


def text_of(path):
    raw = open(path, encoding="utf-8", newline="").read()
    if raw.startswith("# id:"):
        return parse(path)[1]
    return raw


def gold(texts, split):
    missing = 0
    for line in open(ANNOTATIONS, encoding="utf-8"):
        item = json.loads(line)
        if split and item["split"] != split:
            continue
        path = os.path.join(texts, item["id"] + ".txt")
        if not os.path.exists(path):
            missing += 1
            continue
        text = text_of(path)
        if sha(text) != item["sha256"]:
            sys.exit(f"{path}: the text differs from the annotated one (SHA-256)")
        ents = [{"start": s, "end": e, "label": l, "text": text[s:e]} for s, e, l in item["entities"]]
        for r in paragraphs(text, ents):
            r["outlet"] = item["outlet"]
            print(json.dumps(r, ensure_ascii=False))
    if missing:
        print(f"devset: {missing} texts not found in {texts}", file=sys.stderr)
    return 0


def main(argv):
    if argv[:1] == ["check"]:
        return check(argv[1:])
    if argv[:1] == ["standoff"]:
        return standoff(argv[1:])
    if argv[:1] == ["gold"] and "--texts" in argv:
        texts = argv[argv.index("--texts") + 1]
        split = argv[argv.index("--split") + 1] if "--split" in argv else None
        return gold(texts, split)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
