"""Write a realistic synthetic records folder: `python bench/corpus.py N OUT [--seed S]`.

All kinds, ten years (2016-2025), every town, inspections linked to the cases
they open and back, valid under `safety365 check`, and the same for the same
seed. The registries are copied from the sample records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

SAMPLE = Path(__file__).resolve().parent.parent / "records"
FIRST_YEAR, YEARS = 2016, 10
SHARES = {"inspection": 0.22, "tip": 0.08, "news": 0.14, "listing": 0.08, "ranking": 0.04, "accountability": 0.04, "tipoff": 0.04}
"""Share of the records per kind; cases come on top of inspections (about one per inspection)."""

TOPICS = ["建筑施工塔机及防坍塌", "占道集贸市场整治", "校车安全", "森林防火值班值守", "危险化学品储存", "非煤矿山爆破作业",
          "粉尘涉爆企业", "加油站卸油作业", "液化气站充装", "汛期安全", "人员密集场所消防", "冷库液氨使用"]
PROBLEMS = ["安全通道堵塞", "灭火器过期失效", "特种作业人员无证上岗", "塔吊力矩限制器失灵", "隐患排查台账不全",
            "应急预案未演练", "防爆电气不合格", "除尘设施未运行", "警示标志缺失", "安全培训记录缺失", "违规动火作业"]
PLACES = ["厂区", "仓库", "施工现场", "集贸市场", "加油区", "充装车间", "配电室", "办公楼"]
SERIES = ["镇街安监办标准化建设", "隐患排查整改落实", "安全生产宣传教育"]
ACTIONS = ["党政纪处分", "组织处理", "诫勉谈话", "责令书面检查", "通报批评", "公开表态"]
SEASONS = ["春", "夏", "秋", "冬", "全年"]


class Corpus:
    """Builds records into `out`; one counter per year keeps order numbers unique."""

    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        units = YAML(typ="safe").load((SAMPLE / "units.yaml").read_text(encoding="utf-8"))
        self.towns = [u["name"] for u in units["towns"]]
        self.enterprises = [(u["name"], u["town"], u["industry"]) for u in units["enterprises"]]
        self.public_units = [u["name"] for group in ("towns", "committees", "members") for u in units[group]]
        office = YAML(typ="safe").load((SAMPLE / "office.yaml").read_text(encoding="utf-8"))
        self.editors = [e["name"] for e in office["editors"]]
        self.orders: dict[int, int] = {}
        self.serial = 0

    def day(self) -> dt.date:
        return dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * YEARS))

    def new_id(self, date: dt.date, kind: str) -> str:
        self.serial += 1
        return f"{date}-{kind}-{self.serial}"

    def write(self, kind: str, record_id: str, date: dt.date, body: str) -> str:
        folder = self.out / kind / str(date.year)
        folder.mkdir(parents=True, exist_ok=True)
        header = f"# yaml-language-server: $schema=../../../schema/{kind}.schema.json\ndate: {date}\n"
        reviewer, approver = self.rng.sample(self.editors, 2)
        review = f"review: {{reviewer: {reviewer}, approver: {approver}, date: {date}}}\n"
        (folder / f"{record_id}.yaml").write_text(header + body + review, encoding="utf-8")
        return record_id

    def sentence(self) -> str:
        return f"{self.rng.choice(PLACES)}{self.rng.choice(PROBLEMS)}，责令限期整改。"

    def inspection(self) -> int:
        """One inspection and the cases it opens; returns how many records were written."""
        rng, date = self.rng, self.day()
        enterprise, town, _ = rng.choice(self.enterprises)
        findings, written = [], 1
        for _ in range(rng.randint(1, 3)):
            disposition = rng.choice(["当场整改", "直接交办", "挂牌督办"])
            finding = f"  - description: {rng.choice(PROBLEMS)}\n    unit: {enterprise}\n    disposition: {disposition}\n"
            if disposition != "当场整改":
                finding += f"    case: {{case{len(findings)}}}\n"
            findings.append((disposition, finding))
        record_id = self.new_id(date, "inspection")
        texts = []
        for index, (disposition, finding) in enumerate(findings):
            if disposition != "当场整改":
                case_id = self.case(date + dt.timedelta(days=1), record_id, enterprise, town, disposition)
                finding = finding.replace(f"{{case{index}}}", case_id)
                written += 1
            texts.append(finding)
        body = (
            f"title: {town}{rng.choice(TOPICS)}督查\nmode: {rng.choice(['明查', '暗访'])}\nscope: {rng.choice(['专项', '综合'])}\n"
            f"topic: {rng.choice(TOPICS)}\nteam: 督查{rng.choice('一二')}科\ninspectors: {rng.randint(2, 6)}\ntown: {town}\n"
            f"units: [{enterprise}]\nsummary: 督查组到{town}检查{rng.randint(2, 6)}家单位。\nfindings:\n" + "".join(texts)
        )
        self.write("inspection", record_id, date, body)
        return written

    def case(self, date: dt.date, inspection: str, unit: str, town: str, disposition: str) -> str:
        rng = self.rng
        number = self.orders[date.year] = self.orders.get(date.year, 0) + 1
        prefix = "平安办督" if disposition == "挂牌督办" else "平安办交"
        deadline = date + dt.timedelta(days=rng.choice([7, 15, 30, 60]))
        body = (
            f"title: {rng.choice(PROBLEMS)}\ninspection: {inspection}\nunit: {unit}\ntown: {town}\n"
            f"description: {self.sentence()}\nlevel: {rng.choice(['一般', '重大'])}\ndisposition: {disposition}\n"
            f"order_no: {prefix}〔{date.year}〕{number}号\ndeadline: {deadline}\n"
            f"followups:\n  - date: {date + dt.timedelta(days=3)}\n    note: 责任单位已制定整改方案。\n"
        )
        if rng.random() < 0.97:  # most cases close, some late; a few stay open for years
            closed = max(deadline + dt.timedelta(days=rng.randint(-5, 20)), date + dt.timedelta(days=3))
            body += f"closed: {closed}\nevidence: 复查合格。\n"
        return self.write("case", self.new_id(date, "case"), date, body)

    def other(self, kind: str) -> None:
        rng, date = self.rng, self.day()
        enterprise, town, industry = rng.choice(self.enterprises)
        if kind == "tip":
            points = "".join(f"  - {rng.choice(PROBLEMS)}要及时排查整改\n" for _ in range(rng.randint(2, 5)))
            body = f"title: {rng.choice(TOPICS)}小知识\ntopic: {rng.choice(TOPICS)}\nseason: {rng.choice(SEASONS)}\npoints:\n{points}body: {self.sentence()}\n"
        elif kind == "news":
            body = f"title: {town}开展{rng.choice(TOPICS)}工作\nsummary: {town}组织开展{rng.choice(TOPICS)}专项行动。\ntown: {town}\nbody: |\n  {self.sentence()}\n\n  {self.sentence()}\n"
        elif kind == "listing":
            board = rng.choice(["红榜", "黑榜"])
            end = date + dt.timedelta(days=399 if board == "黑榜" else 120)
            body = f"board: {board}\nunit: {enterprise}\ntown: {town}\nindustry: {industry}\nreason: {self.sentence()}\npublicity_end: {end}\n"
        elif kind == "ranking":
            units = rng.sample(self.towns, k=len(self.towns))
            scores = "".join(f"  - {{unit: {u}, score: {rng.randint(60, 100)}}}\n" for u in units)
            body = f"title: {date.year}年{date.month}月工作通报\nseries: {rng.choice(SERIES)}\nperiod: {date.year}年{date.month}月\nscores:\n{scores}"
        elif kind == "accountability":
            body = f"unit: {rng.choice(self.public_units)}\ntype: {rng.choice(ACTIONS)}\npersons: {rng.randint(1, 5)}\nreason: 隐患整改督促不力。\n"
        else:
            body = f"violation: {rng.choice(PROBLEMS)}\ntown: {town}\nunit: {enterprise}\noutcome: 经核查属实，已责令整改。\nreward: 500\npaid: {date + dt.timedelta(days=10)}\nreporter: 匿名\n"
        self.write(kind, self.new_id(date, kind), date, body)


def write_corpus(count: int, out: Path, seed: int = 2017) -> None:
    """Fill `out` with about `count` records (never fewer)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for registry in ("units.yaml", "office.yaml"):
        shutil.copy(SAMPLE / registry, out / registry)
    corpus = Corpus(out, seed)
    kinds, weights = zip(*SHARES.items())
    written = 0
    while written < count:
        kind = corpus.rng.choices(kinds, weights)[0]
        if kind == "inspection":
            written += corpus.inspection()
        else:
            corpus.other(kind)
            written += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    write_corpus(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
