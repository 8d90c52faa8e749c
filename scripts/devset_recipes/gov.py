"""gov-*: government and crawler pages (extract/gov_extract.py, extract/gov_zhcs.py).

Four page kinds, told apart by the extract field:
  <Title> … <h3> in <Context>   an XML news record: <Title> as headline, then the text of
                                each <h3> in <Context>; the XML holds HTML entities escaped
                                once more (&amp;nbsp;), so they are unescaped after parsing.
  <p class="note">              a JSP article page: the text of <legend> as headline, then
                                each <p class="note">.
  <font size="+1">              an HTML prototype page: <legend> as headline, then the body of
                                <font size="+1"> split on <br>; each piece's source lines
                                (hard-wrapped mid-sentence) stripped and joined with nothing.
  gov_zhcs.py                   a Java bean whose comment holds a JSON list of news
                                (" * list : [...]"); the item is the one whose newsId the path
                                names (record N is its 1-based place in the list): newsTitle as
                                headline, then the text of each <p>/<h2> of its "details" HTML.
In all kinds tags are removed, entities decoded, lines stripped and empty lines dropped.
"""
import html
import json
import re
import xml.etree.ElementTree as ET

from . import decode, file_path, join_lines, record_number, strip_tags


def _lines(headline, paragraphs):
    return join_lines([headline.strip()] + [p for p in (x.strip() for x in paragraphs) if p])


def xml_h3(item, page):
    root = ET.fromstring(page)
    context = root.find("Context")
    return _lines(html.unescape(root.findtext("Title")), (html.unescape("".join(h.itertext())) for h in context.iter("h3")))


def _legend(page):
    m = re.search(r"<legend\b[^>]*>(.*?)</legend>", page, re.S)
    if not m:
        raise ValueError("no <legend>")
    return strip_tags(m.group(1))


def legend_note(item, page):
    notes = re.findall(r"<p class=\"note\"[^>]*>(.*?)</p>", page, re.S)
    return _lines(_legend(page), map(strip_tags, notes))


def legend_font(item, page):
    m = re.search(r"<font size=\"\+1\"[^>]*>(.*?)</font>", page, re.S)
    if not m:
        raise ValueError('no <font size="+1">')
    pieces = re.split(r"<br\s*/?>", m.group(1), flags=re.I)
    return _lines(_legend(page), (strip_tags("".join(l.strip() for l in p.split("\n"))) for p in pieces))


def zhcs(item, page):
    m = re.search(r"^\s*\* list : (\[.*\])\s*$", page, re.M)
    if not m:
        raise ValueError("no ' * list : [...]' comment line")
    news = json.loads(m.group(1))
    want = re.search(r"newsId (\d+)", item["path"])
    if want:
        found = [i for i, r in enumerate(news) if r.get("newsId") == want.group(1)]
        if not found:
            raise ValueError(f"no newsId {want.group(1)} in the list")
        i = found[0]
        if i + 1 != record_number(item):
            raise ValueError(f"newsId {want.group(1)} is record {i + 1}, the path says {record_number(item)}")
    else:
        i = record_number(item) - 1
    rec = news[i]
    blocks = re.findall(r"<(p|h2)\b[^>]*>(.*?)</\1>", rec["details"], re.S)
    return _lines(rec["newsTitle"], (strip_tags(b) for _, b in blocks))


KINDS = [  # (test on the extract field, recipe)
    (lambda x: "gov_zhcs.py" in x, zhcs),
    (lambda x: "<h3>" in x and "<Context>" in x, xml_h3),
    (lambda x: '<p class="note">' in x, legend_note),
    (lambda x: '<font size="+1">' in x, legend_font),
]


def text(item, show):
    page = decode(show(item["repo"], item["commit"], file_path(item)))
    for test, recipe in KINDS:
        if test(item["extract"]):
            return recipe(item, page)
    raise ValueError(f"{item['id']}: no gov recipe for extract {item['extract']!r}")
