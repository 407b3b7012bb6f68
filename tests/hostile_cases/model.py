"""Hostile inputs: model (see tests/hostile.py for the helpers a snippet sees).

The parts of other provinces' layouts — not-shown parts, flags, units, joined targets, score
sheets — attacked through JSON and through the constructors.
"""

from hostile import Case

CASES: tuple[Case, ...] = (
    Case(
        id="model-not-shown-unknown-part",
        what="a document marks a part that does not exist as not shown",
        code="""
        import budget_perf as bp
        refused(bp.InvalidDocument, bp.from_json,
                '{"department": {"name": "x"}, "projects": [{"name": "p", "not_shown": ["x"]}]}',
                bp.SelfEvaluation, contains=("Project has no part 'x'", "$.projects[0].not_shown"))
        """,
    ),
    Case(
        id="model-not-shown-two-hundred-thousand-times",
        what="a not-shown list naming one part 200 000 times is refused at once, not looped on",
        code="""
        import json, budget_perf as bp
        text = json.dumps({"not_shown": ["weight"] * 200_000})
        refused(bp.InvalidDocument, bp.from_json, text, bp.Funding,
                contains=("a part is named twice", "$.not_shown"))
        """,
    ),
    Case(
        id="model-not-shown-while-stated",
        what="a document states a figure and marks it not shown",
        code="""
        import budget_perf as bp
        refused(bp.InvalidDocument, bp.from_json, '{"weight": "10", "not_shown": ["weight"]}',
                bp.Funding, contains=("must hold nothing", "$.not_shown"))
        """,
    ),
    Case(
        id="model-flag-as-text",
        what="a flag written as the text 否 or the number 0 is not taken for false",
        code="""
        import budget_perf as bp
        for value in ('"否"', '0', '"false"', 'null'):
            refused(bp.InvalidDocument, bp.from_json, '{"cut": %s}' % value, bp.ScoreSheet,
                    contains=("expected true or false", "$.cut"))
        """,
    ),
    Case(
        id="model-unit-conversion-of-a-huge-exponent",
        what="converting 1E+999999999 万元 to 元 stays exact without writing a billion zeros",
        code="""
        from decimal import Decimal
        import budget_perf as bp
        result = bp.convert_amount(Decimal("1E+999999999"), bp.AmountUnit.WAN_YUAN,
                                   bp.AmountUnit.YUAN)
        assert result == Decimal("1E+1000000003"), result
        tiny = bp.convert_amount(Decimal("1E-999999999"), bp.AmountUnit.YUAN,
                                 bp.AmountUnit.WAN_YUAN)
        assert tiny == Decimal("1E-1000000003"), tiny
        """,
    ),
    Case(
        id="model-target-text-of-a-megabyte-of-spaces",
        what="a 度量单位 of a million spaces before its text joins in linear time",
        code="""
        import budget_perf as bp
        row = bp.Indicator(name="x", nature="≥", target="95",
                           measure_unit=" " * 1_000_000 + "%(" + "(" * 100_000)
        assert row.target_text().startswith("≥95"), row.target_text()[:20]
        """,
    ),
    Case(
        id="model-score-sheet-of-fifty-thousand-rows",
        what="a score sheet of 50 000 rows is checked in one pass, each rule linear",
        code="""
        import budget_perf as bp
        from decimal import Decimal
        items = tuple(bp.ScoreItem(name=f"r{i}", weight=Decimal(1), stated_score=Decimal(1))
                      for i in range(50_000))
        sheet = bp.ScoreSheet(groups=(bp.ScoreGroup(label="一级", stated_weight=Decimal(50_000),
            groups=(bp.ScoreSubgroup(label="二级", stated_weight=Decimal(50_000), items=items),)),),
            stated_total_weight=Decimal(50_000), stated_total_score=Decimal(49_999))
        report = bp.SelfEvaluation(department=bp.Department(name="x"), score_sheet=sheet)
        findings = bp.check(report)
        assert [f.code for f in findings] == ["BP605"], [f.code for f in findings][:5]
        """,
    ),
    Case(
        id="model-year-null",
        what="a report whose year is null loads, prints as of an unknown year and is checked",
        code="""
        import budget_perf as bp
        report = bp.from_json('{"year": null, "department": {"name": "x"}}', bp.SelfEvaluation)
        assert report.year is None and "year unknown" in str(report)
        assert bp.check(report) == ()
        refused(bp.InvalidDocument, bp.from_json, '{"year": "2022", "department": {"name": "x"}}',
                bp.SelfEvaluation, contains=("$.year",))
        """,
    ),
)
