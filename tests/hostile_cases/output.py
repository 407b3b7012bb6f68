"""Hostile inputs: output (see tests/hostile.py for the helpers a snippet sees).

Report text (a unit's or a project's name) reaches a reviewer's terminal, a JSON consumer and
a Markdown viewer; none of them may be made to act on it.
"""

from hostile import Case

#: Writes ``hostile.json``: the bundled example with its unit and 运行维护经费 renamed.
_RENAMED = """
import attrs, budget_perf as bp
def renamed(department, project, path="hostile.json"):
    seed = bp.examples.load("yueyang-npc-2022")
    projects = list(seed.projects)
    projects[1] = attrs.evolve(projects[1], name=project)
    report = attrs.evolve(
        seed, department=attrs.evolve(seed.department, name=department), projects=tuple(projects)
    )
    (work / path).write_text(bp.to_json(report), "utf-8")
    return path
"""

CASES: tuple[Case, ...] = (
    Case(
        id="out-terminal-escapes",
        what="ESC[2J and a bidi override in names are shown escaped by summary and check",
        code=_RENAMED
        + """
path = renamed("岳阳\\x1b[2J\\u202e人大", "运行\\x1b[2J\\u202e维护\\x9b31m")
for args in (["summary", path], ["check", path], ["check", path, "--lang", "en"]):
    done = cli(*args)
    assert done.returncode in (0, 1), (args, done)
    for raw in ("\\x1b", "\\u202e", "\\x9b"):
        assert raw not in done.stdout and raw not in done.stderr, (args, raw)
    assert "\\\\x1b[2J\\\\u202e" in done.stdout, (args, done.stdout[:300])
""",
    ),
    Case(
        id="out-line-break-cannot-forge-output",
        what="a name with a line break cannot add a fake 'no errors' line to the output",
        code=_RENAMED
        + """
path = renamed("岳阳\\n检查结果：错误0项", "维护\\r\\n共0项：错误0，警告0，提示0")
for args in (["summary", path], ["check", path]):
    done = cli(*args)
    assert done.returncode in (0, 1), (args, done)
    for line in done.stdout.splitlines():
        assert not line.startswith(("检查结果：错误0", "共0项：错误0")), (args, line)
""",
    ),
    Case(
        id="out-json-stays-json",
        what="check --json with control characters, C1 and a lone surrogate in a name: valid JSON",
        code=_RENAMED
        + """
import json
name = "运行\\x00\\x1b[2J\\x85\\u202e维护"
path = renamed("岳阳市人大常委会", name)
done = cli("check", path, "--json")
assert done.returncode == 1, done
assert not any(c in done.stdout for c in "\\x00\\x1b\\x85\\u202e")
found = json.loads(done.stdout)["findings"]
assert any(name in f["message_zh"] for f in found)
text = (work / path).read_text("utf-8").replace("运行", "运行\\\\ud800", 1)
(work / "surrogate.json").write_text(text, "utf-8")  # JSON may spell a lone surrogate
done = cli("check", "surrogate.json", "--json")
assert done.returncode in (1, 2), done  # read and escaped, or refused; never a crash (3)
if done.returncode == 1:
    json.loads(done.stdout)
assert "Traceback" not in done.stderr
""",
    ),
    Case(
        id="out-markdown-catalogue-cells",
        what="a | or a line break in a rule's text cannot split or end its catalogue row",
        code="""
import attrs
from budget_perf.checks import RULES
from budget_perf.checks.render import render_catalogue
rule = attrs.evolve(
    RULES[0], summary_en="a | b\\n| BP000 | error | forged |", reason="<script>x</script> *bold*"
)
text = render_catalogue([rule])
lines = text.splitlines()
rows = [line for line in lines if line.startswith("|")][2:]
assert rows[0].startswith("| [" + rule.code), rows
assert not any(line.startswith("| BP000") for line in lines), lines
assert "a \\| b \\| BP000" in rows[0], rows[0]
cells = rows[0].replace("\\|", "").split("|")
assert len(cells) == 6, cells  # four cells between five unescaped bars
heading = next(line for line in lines if line.startswith("## " + rule.code))
assert "forged" in heading, heading  # the line break did not end the heading early
assert "<script>" not in text and "&lt;script&gt;" in text
""",
    ),
    Case(
        id="out-formula-neutralised",
        what="a name that a spreadsheet would run as a formula is quoted; plain numbers are kept",
        code="""
from budget_perf._safety import neutralise_formula
for formula in ("=HYPERLINK(\\"http://x\\",\\"y\\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                "\\t=1+1", "\\r=1+1"):
    assert neutralise_formula(formula) == "'" + formula, formula
for data in ("-12.5", "+3%", "1,234.50", "岳阳市人大常委会", ""):
    assert neutralise_formula(data) == data, data
""",
    ),
)
