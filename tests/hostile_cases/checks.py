"""Hostile inputs: the checker (see tests/hostile.py for the helpers a snippet sees)."""

from hostile import Case

CASES: tuple[Case, ...] = (
    Case(
        id="checks-megabyte-target",
        what="a 年度指标值 and a 实际完成值 of a million characters each are checked at once: the "
        "target is kept UNPARSED with its length as the reason, and no rule fails",
        code="""
        from decimal import Decimal as D
        import budget_perf as bp
        from budget_perf.model import *
        from budget_perf.cells import MAX_TARGET_LENGTH, parse_target

        target, actual = "1、" * 500_000, "2次，" * 333_333
        row = Indicator(name="x", target=target, actual=actual, weight=D(10), score=D(10))
        tree = IndicatorTree(groups=(Level1Group(category=Level1.OUTPUT, groups=(
            Level2Group(category=Level2.QUANTITY, indicators=(row,)),)),))
        report = SelfEvaluation(year=2022, department=Department(name="x"),
                                projects=(Project(name="p", indicators=tree),))
        found = bp.check(report)
        assert not [f for f in found if f.code == "BP900"], found
        parsed = parse_target(target)
        assert parsed.kind is bp.TargetKind.UNPARSED
        assert f"at most {MAX_TARGET_LENGTH}" in parsed.clauses[0].reason
        """,
    ),
    Case(
        id="checks-pasted-columns-of-figures",
        what="targets and actuals just under the length limit that are one run of digits, of "
        "Chinese numerals, or a pasted column of figures are read in linear time, each once "
        "per check (a filter that retried every digit of a run took over a minute)",
        code="""
        from decimal import Decimal as D
        import budget_perf as bp
        from budget_perf.model import *
        from budget_perf.cells import MAX_TARGET_LENGTH

        n = MAX_TARGET_LENGTH - 1
        texts = ["1" * n + "x", "一" * n, ("1 " * n)[:n] + "x",
                 " ".join(str(12 + 3 * k) for k in range(n))[:n], "9" * n + "%"]
        rows = tuple(Indicator(name=f"x{k}", target=t, actual=t[::-1], weight=D(10),
                               score=D(10)) for k, t in enumerate(texts))
        tree = IndicatorTree(groups=(Level1Group(category=Level1.OUTPUT, groups=(
            Level2Group(category=Level2.QUANTITY, indicators=rows),)),))
        report = SelfEvaluation(year=2022, department=Department(name="x"),
                                projects=(Project(name="p", indicators=tree),))
        found = bp.check(report)
        assert not [f for f in found if f.code == "BP900"], found
        """,
    ),
    Case(
        id="checks-names-prefixing-each-other",
        what="3,000 project tables named 项, 项项, 项项项 … and text figures named each with 经费 "
        "added: every name begins another, so nothing is paired by prefix and nothing compared",
        code="""
        from decimal import Decimal as D
        import budget_perf as bp
        from budget_perf.model import *

        n = 3000
        projects = tuple(Project(name="项" * k, funding=Funding(total=FundTotal(executed=D(k))))
                         for k in range(1, n + 1))
        text = GeneralBudgetSpending(projects=tuple(
            NarrativeFigure(label="项" * k + "经费", amount=D(k + 1)) for k in range(1, n + 1)))
        report = SelfEvaluation(year=2022, department=Department(name="x"),
                                projects=projects, general_budget=text)
        found = bp.check(report)
        assert not [f for f in found if f.code in ("BP900", "BP303", "BP310")], found[:3]
        """,
    ),
    Case(
        id="checks-every-cell-blank",
        what="a careless report of 200 project tables with every cell left blank (template rows "
        "named, nothing filled in) gives warnings only: a blank cell is never an error",
        code="""
        import budget_perf as bp
        from budget_perf.model import *

        rows = tuple(Indicator(name=f"指标{k}:") for k in range(1, 4))
        blocks = tuple(Level1Group(category=c, groups=(Level2Group(category=l2, indicators=rows),))
                       for c, l2 in ((Level1.OUTPUT, Level2.QUANTITY),
                                     (Level1.BENEFIT, Level2.SOCIAL_BENEFIT),
                                     (Level1.SATISFACTION, Level2.BENEFICIARY_SATISFACTION)))
        funding = Funding(total=FundTotal(), sources=(FundSource(kind=FundKind.OTHER_FUNDS),))
        projects = tuple(Project(name=f"项目{i}", funding=funding,
                                 indicators=IndicatorTree(groups=blocks)) for i in range(200))
        report = SelfEvaluation(year=2022, department=Department(name="x"), projects=projects)
        found = bp.check(report)
        assert found, "the unfilled blocks are reported"
        assert {f.severity for f in found} == {bp.Severity.WARNING}, found[:3]
        """,
    ),
    Case(
        id="checks-twenty-thousand-indicators",
        what="a table of 200 一级 blocks holding 20,000 三级 indicators is checked without a rule "
        "failing and without scanning the tree once per block",
        code="""
        from decimal import Decimal as D
        import budget_perf as bp
        from budget_perf.model import *

        rows = tuple(Indicator(name=f"i{k}", target=f"≥{k}次", actual=f"{k}次",
                               weight=D(1), score=D(1)) for k in range(100))
        blocks = tuple(Level1Group(category=Level1.OUTPUT, stated_weight=D(100),
                                   groups=(Level2Group(category=Level2.QUANTITY, indicators=rows),))
                       for _ in range(200))
        tree = IndicatorTree(groups=blocks, stated_total_weight=D(20000),
                             stated_total_score=D(20000))
        report = SelfEvaluation(year=2022, department=Department(name="x"),
                                projects=(Project(name="p", indicators=tree),))
        found = bp.check(report)
        assert not [f for f in found if f.code == "BP900"]
        assert not [f for f in found if f.code in ("BP205", "BP206", "BP207", "BP211")]
        """,
    ),
)
