"""Hostile inputs: json_input (see tests/hostile.py for the helpers a snippet sees).

Every JSON document the library reads goes through one strict decoder
(``budget_perf._jsonload``): these cases attack it through ``from_json``, the rule profiles and
the command line, and check that each attack ends in a refusal that says where, in bounded
time, memory and message length.
"""

import textwrap

from hostile import Case

_REPORT = """
import budget_perf as bp
from budget_perf.errors import InvalidDocument
REPORT = (
    '{"year": 2022, "department": {"name": "岳阳市人大常委会"}, '
    '"projects": [{"name": "人大监督"}]}'
)
"""


def _case(id: str, what: str, code: str) -> Case:
    """A case whose snippet starts with REPORT, a small valid report as JSON text."""
    return Case(id=id, what=what, code=_REPORT + textwrap.dedent(code))


CASES: tuple[Case, ...] = (
    _case(
        "json-duplicate-year",
        "a second year key would silently change the report's year",
        """
        text = REPORT[:-1] + ', "year": 2099}'
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="duplicate key 'year' in a JSON object @ $")
        assert exc.problems == ("duplicate key 'year' in a JSON object @ $",)
        """,
    ),
    _case(
        "json-duplicate-deep",
        "a duplicate key deep inside a project is refused at its path",
        """
        text = REPORT.replace('"name": "人大监督"', '"name": "人大监督", "name": "别的项目"')
        refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                contains="duplicate key 'name' in a JSON object @ $.projects[0]")
        """,
    ),
    _case(
        "json-nested-1e5",
        "100 000 nested arrays would take json.loads past the recursion limit",
        """
        text = "[" * 100_000 + "]" * 100_000
        refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                contains="nested deeper than 64 levels of arrays and objects (line 1, column 65)")
        refused(InvalidDocument, bp.from_json, '{"a":' * 100_000, bp.SelfEvaluation,
                contains="nested deeper than 64 levels")
        """,
    ),
    _case(
        "json-invalid-utf8",
        "bytes that are not UTF-8 (a GBK file) would escape as UnicodeDecodeError",
        """
        data = REPORT.encode("gbk")
        refused(InvalidDocument, bp.from_json, data, bp.SelfEvaluation,
                contains="not valid UTF-8: byte 0xd4 at offset 39 (line 1)")
        refused(InvalidDocument, bp.from_json, b"\\xff\\xfe\\x00", bp.SelfEvaluation,
                contains="not valid UTF-8")
        """,
    ),
    _case(
        "json-bom-bytes",
        "a document saved with a UTF-8 byte-order mark (Windows Notepad) loads",
        """
        report = bp.from_json(b"\\xef\\xbb\\xbf" + REPORT.encode("utf-8"), bp.SelfEvaluation)
        assert report.department.name == "岳阳市人大常委会"
        assert bp.from_json("\\ufeff" + REPORT, bp.SelfEvaluation) == report
        """,
    ),
    _case(
        "json-5000-digit-integer",
        "a 5000-digit integer would escape as ValueError from Python's int limit",
        """
        text = REPORT.replace('"year": 2022', '"year": ' + "7" * 5000)
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="a number of 5000 characters, over the limit of 100 @ $.year")
        assert len(str(exc)) < 300
        """,
    ),
    _case(
        "json-nan-literal",
        "JSON's non-standard NaN and Infinity are refused where an amount belongs",
        """
        for literal in ("NaN", "Infinity", "-Infinity"):
            text = '{"kind": "其他资金", "executed": %s}' % literal
            refused(InvalidDocument, bp.from_json, text, bp.FundSource,
                    contains=('expected a decimal string such as "4026.3", got float',
                              "@ $.executed"))
        """,
    ),
    _case(
        "json-surrogate-escape-in-name",
        "a lone surrogate written as \\\\ud800 in a name would crash every later print",
        """
        text = REPORT.replace("人大监督", "人大\\\\ud800监督")
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains=("lone surrogate \\\\ud800 at character 3", "@ $.projects[0].name"))
        print(exc, exc.message("zh"))  # the refusal itself prints
        """,
    ),
    _case(
        "json-raw-surrogate-str",
        "a raw lone surrogate in a Python str given to from_json, in a key and in a value",
        """
        text = REPORT.replace("人大监督", "人大\\udfff")
        refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                contains="lone surrogate \\\\udfff at character 3, which is not valid Unicode")
        text = REPORT.replace('"projects"', '"pro\\ud800jects"')
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="a key has a lone surrogate \\\\ud800 at character 4")
        str(exc).encode("utf-8")  # the message is valid Unicode
        refused(bp.InvalidText, bp.Department, name="岳阳\\ud800")
        """,
    ),
    _case(
        "json-100mb-string-wrong-type",
        "a 100 MB string where the projects array belongs is not copied into the message",
        """
        import json
        data = json.loads(REPORT)
        data["projects"] = "x" * 100_000_000
        exc = refused(InvalidDocument, bp.from_data, data, bp.SelfEvaluation,
                      contains=("expected an array, got str 'xxx", "(100000000 characters)",
                                "@ $.projects"))
        assert len(str(exc)) < 2000, len(str(exc))
        assert len(exc.message("zh")) < 2000
        """,
    ),
    _case(
        "json-20mb-string-in-a-document",
        "a 20 MB string where the projects array belongs, in a JSON document: cut in the message",
        """
        text = REPORT.replace('[{"name": "人大监督"}]', '"' + "x" * 20_000_000 + '"')
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains=("(20000000 characters)", "@ $.projects"))
        assert len(str(exc)) < 2000, len(str(exc))
        """,
    ),
    _case(
        "json-huge-exponent-decimal",
        "Decimal('1E+999999999') given to the model is refused as an amount",
        """
        # Needs the bound on amounts in _decimal.check_decimal (another branch); until that is
        # merged this case fails here: the model accepts any finite Decimal.
        from decimal import Decimal
        refused(bp.InvalidAmount, bp.FundSource, kind=bp.FundKind.OTHER_FUNDS,
                executed=Decimal("1E+999999999"))
        """,
    ),
    _case(
        "json-5000-char-decimal-string",
        "a 5000-character decimal string is refused by the reader, and shown cut",
        """
        text = '{"kind": "其他资金", "executed": "%s"}' % ("9" * 5000)
        exc = refused(InvalidDocument, bp.from_json, text, bp.FundSource,
                      contains=("a string of 5000 characters, over the limit of 100",
                                "(5000 characters) @ $.executed"))
        assert len(str(exc)) < 500
        """,
    ),
    _case(
        "json-million-wrong-items",
        "a 4 MB document of a million wrong items would list a million problems (gigabytes)",
        """
        text = REPORT.replace('"projects": [', '"projects": [' + "1.5," * 1_000_000)
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains=("101 problems in the document", "… and 81 more"))
        assert exc.problems[-1].startswith("checking stopped after 100 problems; ")
        assert len(exc.problems) == 101 and len(str(exc)) < 3000
        """,
    ),
    _case(
        "json-million-unknown-keys",
        "an object with 200 000 unknown keys names ten of them",
        """
        keys = ", ".join(f'"k{i}": 0' for i in range(200_000))
        text = REPORT.replace('{"name": "人大监督"}', '{"name": "人大监督", ' + keys + "}")
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="(200000 in all) @ $.projects[0]")
        assert len(str(exc)) < 500
        """,
    ),
    _case(
        "json-trailing-garbage",
        "a second document after the first is not ignored",
        """
        refused(InvalidDocument, bp.from_json, REPORT + ' {"year": 2099}', bp.SelfEvaluation,
                contains="not valid JSON: Extra data (line 1, column")
        """,
    ),
    _case(
        "json-newer-schema",
        "a report in a schema newer than this version is refused, not misread",
        """
        text = '{"schema": "budget_perf.report/99", ' + REPORT[1:]
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="newer than this version of budget_perf reads")
        assert "更新" in exc.message("zh")
        """,
    ),
    _case(
        "json-profile-invalid-utf8-and-duplicates",
        "a rule profile file that is not UTF-8, or repeats a key, is refused with its name",
        """
        from pathlib import Path
        from importlib import resources
        bundled = resources.files("budget_perf.profiles") / "national-2020.json"
        text = bundled.read_text("utf-8")
        path = work / "mine.json"
        path.write_bytes(text.encode("utf-8").replace(b"national-2020", b"\\xff\\xfe"))
        refused(bp.InvalidProfile, bp.load_profile_file, path,
                contains="mine.json: not valid UTF-8")
        path.write_text(text[:-2] + ', "key": "other"}', encoding="utf-8")
        refused(bp.InvalidProfile, bp.load_profile_file, path,
                contains="duplicate key 'key' in a JSON object @ $")
        refused(bp.InvalidProfile, bp.profile_from_json, "[" * 100_000,
                contains="nested deeper than 64 levels")
        """,
    ),
    _case(
        "json-cli-invalid-utf8-file",
        "the command line refuses a report file that is not UTF-8 with exit code 2, no traceback",
        """
        path = work / "report.json"
        path.write_bytes(REPORT.encode("gbk"))
        done = cli("summary", path, "--lang", "en")
        assert done.returncode == 2, (done.returncode, done.stderr)
        assert "UTF-8" in done.stderr and "Traceback" not in done.stderr
        """,
    ),
    _case(
        "json-quick-duplicate-in-a-whole-record",
        "a key given twice in a record written with all its keys, which the quick reader builds",
        """
        report = bp.examples.load("yueyang-npc-2022")
        text = bp.to_json(report, indent=None)
        at = text.index('"weight": ', text.index('"indicators": '))
        text = text[:at] + '"weight": "99", ' + text[at:]
        exc = refused(InvalidDocument, bp.from_json, text.encode("utf-8"), bp.SelfEvaluation,
                      contains="duplicate key 'weight' in a JSON object @ $.department_table")
        assert len(exc.problems) == 1
        """,
    ),
    _case(
        "json-quick-deep-rows-of-sound-types",
        "expense rows nested 40 deep fit the model's types but not the 64 levels of a document",
        """
        import attrs
        from budget_perf.model.basic_data import BasicDataTable, ExpenseRow
        row = ExpenseRow(label="公用经费")
        for depth in range(40):
            row = ExpenseRow(label=str(depth), children=(row,))
        report = attrs.evolve(bp.examples.load("yueyang-npc-2022"),
                              basic_data=BasicDataTable(three_public=row))
        refused(InvalidDocument, bp.from_json, bp.to_json(report, indent=None),
                bp.SelfEvaluation, contains="nested deeper than 64 levels")
        """,
    ),
    _case(
        "json-quick-million-escapes",
        "a name of a million escaped quotes reads; one escaped lone surrogate more is refused",
        """
        text = REPORT.replace("人大监督", '\\\\\\"' * 1_000_000)
        report = bp.from_json(text.encode("utf-8"), bp.SelfEvaluation)
        assert report.projects[0].name == '\\"' * 1_000_000
        text = REPORT.replace("人大监督", '\\\\\\"' * 1_000_000 + "\\\\udc00")
        refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                contains=("lone surrogate \\\\udc00", "@ $.projects[0].name"))
        """,
    ),
    _case(
        "json-quick-half-million-equal-keys",
        "an object of 500 000 members all named the same is refused, not read as its last one",
        """
        members = '"name": "x", ' * 500_000
        text = REPORT.replace('{"name": "人大监督"}', "{" + members + '"name": "y"}')
        exc = refused(InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
                      contains="duplicate key 'name' in a JSON object @ $.projects[0]")
        assert len(exc.problems) == 1
        """,
    ),
    _case(
        "json-oversized-document",
        "a 65 MB document is refused by its size before it is parsed into objects",
        """
        refused(bp.InvalidDocument, bp.from_json, b"[" + b"[]," * 23_000_000 + b"[]]",
                bp.SelfEvaluation, contains="over the limit of 67,108,864")
        """,
    ),
)
