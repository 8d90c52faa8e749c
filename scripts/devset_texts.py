#!/usr/bin/env python3
"""Rebuild the development set's plain texts from the public repositories they came from.

Usage:
    python3 scripts/devset_texts.py --mirrors /work/.mirror --out DIR [--compare DIR] [ID...]

For each item of devset/annotations.jsonl (or only the IDs given) this reads the source file
from a local mirror of the item's repository, applies the recipe for the item's id prefix
(scripts/devset_recipes/<prefix>.py, e.g. cor-07 -> cor.py) and writes DIR/<id>.txt when the
text's SHA-256 is the annotated one. A text that differs is written to DIR/<id>.mismatch.txt
instead (so that `devset.py gold --texts DIR` never sees it) and reported with its length
against the expected `chars`, the first entity span that does not sit on the text, and, with
--compare DIR (a directory of texts or annotated items known to be right), the first
differing code point. The exit status is 1 if any item fails.

--mirrors is a directory of mirrors named owner+name (as the session's fetch tool makes
them): the git directory is owner+name/repo/.git, owner+name/repo, owner+name/.git or
owner+name itself, bare or not. Files are read with `git --git-dir DIR show COMMIT:PATH`; if
the item's commit is not in the mirror, the newest commit that holds the path is used and
the report says so.

A recipe module exports `text(item: dict, show) -> str`, where `show(repo, commit, path)`
returns the file's bytes; see scripts/devset_recipes/__init__.py. Standard library only.
"""
import argparse
import hashlib
import importlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ANNOTATIONS = os.path.join(HERE, "..", "devset", "annotations.jsonl")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ left in scripts/


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True)


class Mirrors:
    def __init__(self, root):
        self.root, self.dirs, self.files, self.notes = root, {}, {}, []

    def gitdir(self, repo):
        if repo not in self.dirs:
            base = os.path.join(self.root, repo.replace("/", "+"))
            for cand in (os.path.join(base, "repo", ".git"), os.path.join(base, "repo"), os.path.join(base, ".git"), base):
                if os.path.isdir(cand) and git(cand, "rev-parse", "--git-dir").returncode == 0:
                    self.dirs[repo] = cand
                    break
            else:
                raise FileNotFoundError(f"no git mirror of {repo} under {self.root} (fetch github:{repo})")
        return self.dirs[repo]

    def show(self, repo, commit, path):
        key = (repo, commit, path)
        if key not in self.files:
            d = self.gitdir(repo)
            used = commit
            if git(d, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
                r = git(d, "log", "--all", "-1", "--format=%H", "--", path)
                used = r.stdout.decode().strip()
                if not used:
                    raise FileNotFoundError(f"{repo}: commit {commit} absent and no commit holds {path}")
                self.notes.append(f"{repo}: commit {commit[:12]} absent, read {path} from {used[:12]}")
            r = git(d, "show", f"{used}:{path}")
            if r.returncode != 0:
                raise FileNotFoundError(f"{repo}@{used[:12]}: {r.stderr.decode().strip()}")
            self.files[key] = r.stdout
        return self.files[key]


def recipe(prefix):
    if not re.fullmatch(r"[a-z][a-z0-9_]*", prefix):
        raise ValueError(f"id prefix {prefix!r} is not a module name")
    try:
        return importlib.import_module(f"devset_recipes.{prefix}")
    except ModuleNotFoundError as e:
        if e.name == f"devset_recipes.{prefix}":
            raise ValueError(f"no recipe scripts/devset_recipes/{prefix}.py") from None
        raise


def reference(compare, item_id):
    """The known-right text of an item from --compare DIR (plain or annotated form)."""
    path = os.path.join(compare, item_id + ".txt")
    if not os.path.exists(path):
        return None
    import devset
    return devset.text_of(path)


def diagnose(item, text, ref):
    """Why `text` is not the annotated text, as far as can be told."""
    out = [f"{len(text)} chars, expected {item['chars']}"]
    for variant, what in ((text + "\n", "adding a final newline"), (text[:-1] if text.endswith("\n") else None, "dropping the final newline")):
        if variant is not None and sha(variant) == item["sha256"]:
            out.append(f"would match {what}")
    if ref is not None:
        if sha(ref) != item["sha256"]:
            out.append("(the --compare text does not match the sha either)")
        n = next((i for i, (a, b) in enumerate(zip(text, ref)) if a != b), min(len(text), len(ref)))
        out.append(f"first difference at {n}: got {text[n:n + 20]!r}, want {ref[n:n + 20]!r}")
        return "; ".join(out)
    # Without the text, an entity span that runs past the end, crosses a line break or has
    # white space at an edge shows that the text has drifted at or before its start.
    for s, e, label in item["entities"]:
        surface = text[s:e]
        if e > len(text) or "\n" in surface or surface != surface.strip() or not surface:
            out.append(f"first implausible span [{s},{e}) {label} = {surface!r}: the text differs at or before {s}")
            break
    else:
        out.append("every entity span lands on non-blank text within one line")
    return "; ".join(out)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirrors", required=True, help="directory of owner+name mirrors")
    ap.add_argument("--out", required=True, help="directory for <id>.txt")
    ap.add_argument("--compare", help="directory of known-right texts, to locate a difference")
    ap.add_argument("--annotations", default=ANNOTATIONS)
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args(argv)

    items = [json.loads(line) for line in open(args.annotations, encoding="utf-8") if line.strip()]
    if args.ids:
        known = {it["id"] for it in items}
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            ap.error(f"unknown ids: {' '.join(unknown)}")
        items = [it for it in items if it["id"] in args.ids]
    os.makedirs(args.out, exist_ok=True)
    mirrors = Mirrors(args.mirrors)
    failed = 0
    for item in items:
        iid = item["id"]
        try:
            text = recipe(iid.split("-", 1)[0]).text(item, mirrors.show)
        except Exception as e:  # a recipe or a mirror failing is a failed item, not a crash
            print(f"{iid}: FAIL {type(e).__name__}: {e}")
            failed += 1
            continue
        good = os.path.join(args.out, iid + ".txt")
        bad = os.path.join(args.out, iid + ".mismatch.txt")
        if sha(text) == item["sha256"]:
            with open(good, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            if os.path.exists(bad):
                os.remove(bad)
            print(f"{iid}: OK {len(text)} chars")
        else:
            with open(bad, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            if os.path.exists(good):
                os.remove(good)
            ref = reference(args.compare, iid) if args.compare else None
            print(f"{iid}: MISMATCH {diagnose(item, text, ref)} (written to {bad})")
            failed += 1
    for note in mirrors.notes:
        print(f"note: {note}")
    print(f"{len(items) - failed} of {len(items)} items rebuilt, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
