#!/usr/bin/env python3
"""Builds tests/gold/zhengzhou-bulletin.jsonl from the hand annotation below.

The annotation is written by hand, following shared/GUIDELINES.md: for each line of the
sample (1-based, as in the guidelines' L… references), the entities in reading order.
Each surface string is searched for from the end of the previous entity on that line, so
repeated strings resolve in order. The script checks text[start:end] == surface for every
span and that spans are flat. One record per non-empty line (paragraph).

Usage: python3 tests/gold/annotate_sample.py ../shared/samples/zhengzhou-bulletin.txt
"""
import json, sys

GOLD = {
    3: [("郑州", "LOC")],
    5: [("社商居", "TERM")],
    7: [("刘伟平", "PER"), ("乔贺", "PER"), ("李博文", "PER"), ("9月20日", "DATE"), ("永安街", "LOC"), ("8点", "DATE")],
    9: [("建中街街道", "LOC"), ("社商居", "TERM"), ("永安社区", "LOC"), ("五星", "TERM"), ("社商居", "TERM")],
    11: [("流动红旗", "TERM")],
    13: [("永安街", "LOC"), ("爱民螺蛳粉", "ORG"), ("吕尚向", "PER"), ("吕尚向", "PER"), ("流动红旗", "TERM"), ("社商居", "TERM")],
    15: [("永安社区", "LOC")],
    17: [("金喇叭", "TERM"), ("永安街", "LOC"), ("门前四包", "TERM"), ("四包", "TERM"), ("流动红旗", "TERM"), ("金喇叭", "TERM")],
    19: [("社商居", "TERM")],
    23: [("永安社区", "LOC"), ("五星", "TERM")],
    25: [("社商居", "TERM"), ("五星", "TERM")],
    31: [("孙志刚", "PER"), ("张晓菲", "PER"), ("金秋九月", "DATE"), ("昨日", "DATE"), ("中原区", "LOC"), ("长江路生态廊道", "LOC")],
    33: [("中原区", "LOC"), ("长江路生态廊道", "LOC"), ("墨西哥", "LOC")],
    35: [("中原区园林绿化养护中心", "ORG"), ("长江路生态廊道", "LOC"), ("近4万平方米", "NUM"), ("约712米", "NUM"), ("约50米", "NUM")],
    37: [("金秋十月", "DATE"), ("中原区", "LOC"), ("长江路生态廊道", "LOC")],
    39: [("万人助万企", "TERM")],
    43: [("王思俊", "PER"), ("赵婷", "PER"), ("管城区", "LOC"), ("学抓促", "TERM")],
    45: [("学先进、抓落实、促改革", "TERM"), ("管城区财政局", "ORG"), ("万人助万企", "TERM"), ("一企一册·精准辅导", "TERM"),
         ("7月底", "DATE"), ("1200余户", "NUM"), ("直达快享", "TERM")],
    51: [("覃岩峰", "PER"), ("安琦", "PER"), ("郑东新区圃田乡政府", "ORG"), ("郑东新区组织人事和社会保障局", "ORG"),
         ("2022年度", "DATE"), ("智汇郑东·共赢未来", "TERM")],
    53: [("38家", "NUM"), ("近1200个", "NUM"), ("146家", "NUM")],
    55: [("圃田乡政府", "ORG"), ("370余人", "NUM"), ("127人", "NUM")],
    59: [("孙志刚", "PER"), ("仓铭璐", "PER"), ("万人助万企", "TERM"), ("中原区林山寨街道办事处", "ORG"), ("四上", "TERM")],
    61: [("林山寨街道办事处", "ORG"), ("8月份", "DATE"), ("一家", "NUM")],
    63: [("9月份", "DATE"), ("两家", "NUM")],
    65: [("65万元", "NUM"), ("5家", "NUM")],
    67: [("林山寨街道办事处", "ORG"), ("万人助万企", "TERM")],
    69: [("五星", "TERM")],
    71: [("党贺喜", "PER"), ("李得芹", "PER"), ("丰产路街道", "LOC"), ("政六街30号院", "LOC")],
    73: [("丰产路街道", "LOC"), ("共建共治共享", "TERM")],
    75: [("会客厅", "TERM")],
    77: [("丰产路街道", "LOC"), ("政六街30号院", "LOC")],
    79: [("丰产路街道", "LOC"), ("广测社区党委", "ORG"), ("省农发行", "ORG"), ("非机动车违停专项整治行动", "TERM")],
    81: [("峡窝镇", "LOC")],
    83: [("武建玲", "PER"), ("赵东东", "PER"), ("刘琳", "PER"), ("李军", "PER"), ("昨日", "DATE"), ("乡村振兴·出彩峡窝", "TERM"),
         ("上街区", "LOC"), ("峡窝镇", "LOC"), ("郑州市", "LOC")],
    85: [("峡窝镇", "LOC"), ("一村一品", "TERM"), ("石嘴村", "LOC"), ("荷花特色村", "TERM"), ("知名书画家+农户+学员+商户", "TERM"),
         ("电商+文创", "TERM")],
    87: [("上街区", "LOC"), ("峡窝镇", "LOC"), ("六期", "NUM"), ("石嘴", "LOC"), ("冯沟", "LOC"), ("观沟", "LOC"), ("西街", "LOC"),
         ("峡窝镇", "LOC"), ("一村一品", "TERM")],
    91: [("卢文军", "PER"), ("李月霞", "PER"), ("胡艺凡", "PER"), ("9月20日", "DATE"), ("第34个", "NUM"), ("全国爱牙日", "TERM"),
         ("中牟县", "LOC"), ("广惠街街道", "LOC"), ("听候街社区", "LOC"), ("广惠街社区卫生服务中心", "ORG"),
         ("中牟县森德口腔门诊", "ORG"), ("义诊服务进社区 服务群众零距离", "TERM")],
    97: [("刘伟平", "PER"), ("武红前", "PER"), ("9月20日上午", "DATE"), ("二七区", "LOC"), ("六比一创", "TERM"),
         ("深国际·北方区域总部智慧港", "LOC"), ("比、学、赶、超", "TERM")],
    99: [("二七区总工会", "ORG"), ("二七区发改委", "ORG"), ("区重点项目办", "ORG"), ("马寨管委会", "ORG"), ("马寨镇政府", "ORG"),
         ("郑州市", "LOC")],
    101: [("今年", "DATE"), ("二七区", "LOC"), ("项目为王", "TERM")],
    103: [("2022年", "DATE"), ("二七区", "LOC"), ("40个", "NUM"), ("300亿元", "NUM"), ("84.3%", "NUM"), ("11个", "NUM"),
          ("100%", "NUM"), ("76项", "NUM"), ("二季度", "DATE"), ("二七区", "LOC"), ("16个", "NUM"), ("第二", "NUM")],
    105: [("二七区", "LOC")],
    109: [("管城区", "LOC"), ("十八里河街道", "LOC"), ("百合社区", "LOC"), ("教会儿童自救 提高生存能力", "TERM")],
    111: [("王思俊", "PER")],
    117: [("杨丽萍", "PER"), ("邱黎敏", "PER"), ("杨庄村", "LOC")],
    119: [("9月19日", "DATE"), ("惠济区", "LOC"), ("迎宾路街道", "LOC"), ("杨庄村", "LOC"), ("社区空地改造 建设共享菜园", "TERM")],
    123: [("一米菜园", "TERM")],
    125: [("一米", "NUM"), ("一米菜园", "TERM"), ("杨庄村", "LOC"), ("文明幸福星", "TERM"), ("杨庄村党委", "ORG")],
    129: [("党贺喜", "PER")],
}


def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    out, total = [], 0
    for no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            assert no not in GOLD, f"L{no} is empty"
            continue
        ents, at = [], 0
        for surface, label in GOLD.get(no, []):
            start = line.find(surface, at)
            assert start >= 0, f"L{no}: {surface!r} not found after {at}"
            end = start + len(surface)
            assert line[start:end] == surface
            ents.append({"start": start, "end": end, "label": label, "text": surface})
            at = end
        total += len(ents)
        out.append({"line": no, "text": line, "entities": ents})
    dst = sys.argv[2] if len(sys.argv) > 2 else "tests/gold/zhengzhou-bulletin.jsonl"
    with open(dst, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # Re-read and verify offsets independently of the construction above.
    for l in open(dst, encoding="utf-8"):
        r = json.loads(l)
        prev = 0
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"], e
            assert e["start"] >= prev, ("overlap", e)
            prev = e["end"]
    print(f"{len(out)} records, {total} entities -> {dst}")


if __name__ == "__main__":
    main()
