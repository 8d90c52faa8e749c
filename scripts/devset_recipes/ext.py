"""ext-*: news-extraction test fixtures (kingname/GeneralNewsExtractor tests/*/N.html).

extract/ext_html.py turned the page into its block texts, one line each (see
devset_recipes.block_lines); extract/ext_cut.py then kept the lines named in the extract
field: "lines A-B dropping X-Y (why), Z, …" keeps lines A to B (1-based, inclusive) except
the dropped ones (single lines or inclusive ranges; parenthesised notes are ignored).
"""
import re

from . import block_lines, decode, file_path, join_lines

CUT = re.compile(r"ext_cut\.py lines (\d+)-(\d+)(?: dropping (.*))?$")


def selection(extract):
    m = CUT.search(extract)
    if not m:
        raise ValueError(f"extract does not read `ext_cut.py lines A-B dropping …`: {extract!r}")
    first, last = int(m.group(1)), int(m.group(2))
    drop = set()
    for a, b in re.findall(r"(\d+)(?:-(\d+))?", re.sub(r"\([^)]*\)", "", m.group(3) or "")):
        drop.update(range(int(a), int(b or a) + 1))
    return [n for n in range(first, last + 1) if n not in drop]


def text(item, show):
    lines = block_lines(decode(show(item["repo"], item["commit"], file_path(item))))
    keep = selection(item["extract"])
    if keep[-1] > len(lines):
        raise ValueError(f"{item['id']}: the page has {len(lines)} block lines, the extract wants line {keep[-1]}")
    return join_lines(lines[n - 1] for n in keep)
