"""cor-*: two raw-news corpora (extract/cor_extract.py, subcommands sohu and cnews).

sohu  NICE-FUTURE/tfidf-cosine-text-recommendation news_sohusite_xml.smarty.dat (SogouCS
      format, UTF-8): record N is the N-th <doc> (0-based); <contenttitle> is the headline,
      <content> is split on U+E40C (the corpus's paragraph mark), every line stripped.
cnews qianshuang/dl-exp data/cnews/cnews.val.txt (THUCNews subset, one article a line,
      "label<TAB>text", no paragraph breaks): record N is line N (0-based). The extract
      field reads `cnews ... N out C1,C2,… ["STOP"]`: the text after the tab, cut before
      STOP if given, the trailing footer 我要评论 dropped, then broken into lines at the
      code-point positions C1, C2, … (the headline first), every line stripped.
"""
import re

from . import decode, file_path, join_lines, record_number

_cache = {}


def _read(show, item):
    key = (item["repo"], item["commit"], file_path(item))
    if key not in _cache:
        _cache[key] = decode(show(*key))
    return _cache[key]


def _tag(doc, name):
    m = re.search(rf"<{name}>(.*?)</{name}>", doc, re.S)
    if not m:
        raise ValueError(f"no <{name}> in the record")
    return m.group(1)


def sohu(item, show):
    docs = re.findall(r"<doc>(.*?)</doc>", _read(show, item), re.S)
    doc = docs[record_number(item)]
    # The url in the path is a check on the record number. Only the article's file name is
    # compared: cor-02's path has the date directory 20120704 where the record (and the item's
    # date) say 20120702.
    want = re.search(r"url (\S+?)\)", item["path"])
    if want and want.group(1).rsplit("/", 1)[-1] != _tag(doc, "url").rsplit("/", 1)[-1]:
        raise ValueError(f"record {record_number(item)} has url {_tag(doc, 'url')}, the item says {want.group(1)}")
    lines = [_tag(doc, "contenttitle")] + _tag(doc, "content").split("\ue40c")
    return join_lines(line.strip() for line in lines)


CNEWS = re.compile(r"\bcnews \.\.\. (\d+) out ([\d,]+)(?: \"([^\"]+)\")?")
FOOTER = "我要评论"


def cnews(item, show):
    m = CNEWS.search(item["extract"])
    if not m:
        raise ValueError(f"{item['id']}: extract does not read `cnews ... N out C1,C2 [\"STOP\"]`")
    n, cuts, stop = int(m.group(1)), [int(c) for c in m.group(2).split(",")], m.group(3)
    if n != record_number(item):
        raise ValueError(f"{item['id']}: record {record_number(item)} in path but {n} in extract")
    label, text = _read(show, item).split("\n")[n].split("\t", 1)
    if stop:
        if stop not in text:
            raise ValueError(f"{item['id']}: {stop!r} not in record {n}")
        text = text[: text.index(stop)]
    text = text.rstrip()
    if text.endswith(FOOTER):
        text = text[: -len(FOOTER)]
    bounds = [0] + cuts + [len(text)]
    return join_lines(text[a:b].strip() for a, b in zip(bounds, bounds[1:]))


def text(item, show):
    if "cor_extract.py sohu" in item["extract"]:
        return sohu(item, show)
    if "cor_extract.py cnews" in item["extract"]:
        return cnews(item, show)
    raise ValueError(f"{item['id']}: no cor recipe for extract {item['extract']!r}")
