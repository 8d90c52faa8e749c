"""Recipes that rebuild the development set's plain texts (see scripts/devset_texts.py).

One module per id prefix (`cor.py` for cor-01 …), found by the driver by name. Each exports

    def text(item: dict, show) -> str

`item` is the item's record from devset/annotations.jsonl; `show(repo, commit, path) -> bytes`
reads a file from the local mirror of a public repository. The returned string must be the
annotated plain text exactly (its SHA-256 is checked by the driver). Per-item parameters
(record numbers, cut positions, line ranges) are read from the item's `path` and `extract`
fields; a recipe keeps a table only for what those fields do not say.

This module holds the helpers the recipes share (standard library only).
"""
import codecs
import html
import html.parser
import re


def decode(data: bytes) -> str:
    """Bytes of a source file as text: a BOM wins, then strict UTF-8, then GB18030
    (a superset of GBK and GB2312)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def file_path(item: dict) -> str:
    """The file part of an item's `path` ("a/b.dat:record 3 (…)" -> "a/b.dat")."""
    return re.sub(r":record\b.*$", "", item["path"]).strip()


def record_number(item: dict) -> int:
    """N in "…:record N …" of an item's `path`."""
    m = re.search(r":record (\d+)", item["path"])
    if not m:
        raise ValueError(f"{item['id']}: no ':record N' in path {item['path']!r}")
    return int(m.group(1))


def join_lines(lines) -> str:
    """The annotated form: one line per paragraph, each ending with "\\n" (the annotated
    files end with a newline, and the SHA-256 covers it)."""
    return "".join(line + "\n" for line in lines)


def strip_tags(fragment: str) -> str:
    """Markup removed, character references decoded (&nbsp; becomes U+00A0, which str.strip
    then removes at the edges)."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


# Block texts of an HTML page (the GNE fixtures, recipe ext): the text of the document,
# broken into a new line at every start and end tag of a block-level element (and at <br>,
# <hr>), runs of HTML white space (space, tab, CR, LF, FF) collapsed to one space, lines
# stripped, empty lines dropped. Text inside script, style, noscript, template, iframe,
# select and textarea is left out. <title> counts as a block (it is line 1 of these
# fixtures), and elements hidden by CSS (style="display:none") are kept: the line numbers in
# the items' `extract` fields count them.
BLOCK = set("""address article aside blockquote body caption center dd details dialog dir div dl
dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
li main menu nav ol p pre section table tbody td tfoot th thead title tr ul br""".split())
SKIP = set("script style noscript template iframe select textarea".split())
VOID = set("area base br col embed hr img input link meta param source track wbr".split())
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


class _Blocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.buf, self.stack, self.skipping = [], [], [], 0

    def flush(self):
        line = HTML_SPACE.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if line:
            self.lines.append(line)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag in BLOCK:
                self.flush()
            return
        skip = tag in SKIP
        self.stack.append((tag, skip))
        self.skipping += skip
        if tag in BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.skipping -= sum(skip for _, skip in self.stack[i:])
                del self.stack[i:]
                break
        else:
            return  # a stray end tag
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.buf.append(data)


def block_lines(page: str) -> list:
    """The block texts of an HTML page, one line each, in document order (line 1 is index 0)."""
    p = _Blocks()
    p.feed(page)
    p.close()
    p.flush()
    return p.lines
