"""Hostile inputs: building by hand and annotated workbooks.

Plain values given to the constructors and to ``IndicatorTree.from_rows``, and the file paths
and findings given to ``budget_perf.excel.annotate``.
"""

from hostile import Case

CASES: tuple[Case, ...] = (
    Case(
        id="building-plain-values",
        what="a million-digit int weight is refused unconverted; a 10-million-character category "
        "gets a short refusal; rows with a float, an unknown column or bytes name the row",
        code="""
        import budget_perf as bp
        refused(bp.InvalidAmount, bp.Indicator, name="x", weight=10 ** 1_000_000,
                contains=("weight: an int of more than 1000 digits",))
        try:
            bp.Level2Group(category="数" * 10_000_000)
        except bp.InvalidValue as error:
            assert len(str(error)) < 500 and str(error).startswith("category: "), str(error)[:600]
        else:
            raise AssertionError("accepted")
        refused(bp.InvalidAmount, bp.IndicatorTree.from_rows,
                [("产出指标", "数量指标", "会议", "", "", 0.1 + 0.2)],
                contains=("rows[0].weight", "write Decimal('0.30000000000000004')"))
        refused(bp.InvalidValue, bp.IndicatorTree.from_rows, [{"=cmd": 1}],
                contains=("rows[0].'=cmd': an unknown column",))
        refused(bp.InvalidValue, bp.IndicatorTree.from_rows, [b"bytes"],
                contains=("expected a mapping or a tuple",))
        """,
    ),
    Case(
        id="building-annotate-refusals",
        what="annotating a workbook onto itself (another spelling, a symlink, a hard link), a "
        "file that is not a workbook, or into a missing folder is refused; the file is unchanged",
        code="""
        import os
        import budget_perf as bp
        from budget_perf.excel import WorkbookError, annotate, write_workbook
        source = work / "unit.xlsx"
        write_workbook(bp.examples.load("yueyang-npc-2022"), source)
        before = source.read_bytes()
        (work / "link.xlsx").symlink_to(source)
        os.link(source, work / "hard.xlsx")
        for out in ("unit.xlsx", "./unit.xlsx", "link.xlsx", "hard.xlsx", str(source)):
            refused(WorkbookError, annotate, source, [], out,
                    contains=("would overwrite the workbook it annotates",))
        assert source.read_bytes() == before
        (work / "notes.xlsx").write_text("not a workbook")
        refused(WorkbookError, annotate, work / "notes.xlsx", [], work / "out.xlsx",
                contains=("notes.xlsx",))
        refused(WorkbookError, annotate, source, [], work / "no" / "out.xlsx",
                contains=("cannot write the annotated copy",))
        assert not (work / "out.xlsx").exists() and source.read_bytes() == before
        """,
    ),
    Case(
        id="building-annotate-huge-message",
        what="a finding of a million characters starting with = is cut and quoted in the comment "
        "and the findings sheet; an escape sequence is written out",
        code="""
        import openpyxl
        import budget_perf as bp
        from budget_perf.excel import annotate, write_workbook
        write_workbook(bp.examples.load("yueyang-npc-2022"), work / "unit.xlsx")
        finding = bp.Finding(code="BP999", severity=bp.Severity.ERROR,
                             path="$.projects[1].funding.stated_execution_rate",
                             message_zh="=" + "长" * 1_000_000, message_en="\\x1b[31m red")
        annotate(work / "unit.xlsx", [finding], work / "out.xlsx")
        book = openpyxl.load_workbook(work / "out.xlsx")
        assert len(book["运行维护经费"]["G5"].comment.text) < 3000
        row = next(book["核查结果"].iter_rows(min_row=2))
        assert len(row[7].value) < 2100 and row[7].quotePrefix
        assert row[8].value == "\\\\x1b[31m red", row[8].value
        """,
    ),
)
