"""Hostile inputs: decimal_context (see tests/hostile.py for the helpers a snippet sees).

A caller's decimal context (precision, rounding, traps, exponent limits) must change no figure
and no finding, and is left as it was; a figure beyond the bounds of a budget (15 digits before
the point, 6 after) is refused, quickly and with a short message, before it reaches a sum.
"""

from hostile import Case

_BASELINE = """
import decimal
import budget_perf as bp
report = bp.examples.load("yueyang-npc-2022")
with decimal.localcontext(decimal.Context()):
    baseline = bp.check(report)
assert baseline and not [f for f in baseline if f.code == "BP900"]  # 52 findings today
"""

CASES: tuple[Case, ...] = (
    Case(
        id="dec-prec-3",
        what="a caller working with 3 significant digits gets the same findings and 98.49%",
        code=_BASELINE
        + """
decimal.getcontext().prec = 3
assert bp.check(report) == baseline
assert bp.to_percent(bp.execution_rate(decimal.Decimal("394"), decimal.Decimal("400.03"))) \\
    == decimal.Decimal("98.49")
assert bp.format_ratio(report.project("运行维护经费").execution_rate(), "en") == "98.49%"
assert decimal.getcontext().prec == 3
assert not any(decimal.getcontext().flags.values())
""",
    ),
    Case(
        id="dec-traps-inexact",
        what="a caller trapping Inexact and Rounded gets no BP900 and no exception",
        code=_BASELINE
        + """
context = decimal.getcontext()
context.traps[decimal.Inexact] = context.traps[decimal.Rounded] = True
found = bp.check(report)
assert found == baseline and not [f for f in found if f.code == "BP900"]
from budget_perf.cli import summary
assert "98.49%" in summary(report, "en")
assert context.traps[decimal.Inexact] and not any(context.flags.values())
""",
    ),
    Case(
        id="dec-eight-threads",
        what="eight threads, each with its own context, check the report at the same moment",
        code=_BASELINE
        + """
import threading
contexts = [
    decimal.Context(prec=p, rounding=r, traps=t)
    for p, r, t in [
        (3, decimal.ROUND_FLOOR, []), (1, decimal.ROUND_UP, [decimal.Inexact]),
        (28, decimal.ROUND_CEILING, [decimal.Rounded]), (5, decimal.ROUND_DOWN, []),
        (50, decimal.ROUND_HALF_UP, [decimal.Inexact, decimal.Rounded]),
        (2, decimal.ROUND_05UP, []), (10, decimal.ROUND_HALF_DOWN, [decimal.Underflow]),
        (28, decimal.ROUND_HALF_EVEN, []),
    ]
]
barrier = threading.Barrier(8)
results = {}
def run(i):
    decimal.setcontext(contexts[i])
    barrier.wait()
    results[i] = (bp.check(report), decimal.getcontext() is contexts[i])
threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
assert len(results) == 8
assert all(found == baseline and same for found, same in results.values())
assert [c.prec for c in contexts] == [3, 1, 28, 5, 50, 2, 10, 28]
""",
    ),
    Case(
        id="dec-json-29-digit-amount",
        what="a JSON amount of 30 digits that would add up only in 29+ digits is refused, "
        "not reported as a false BP101",
        code="""
import json
import budget_perf as bp
data = bp.to_data(bp.examples.load("yueyang-npc-2022"))
funding = data["projects"][1]["funding"]  # 运行维护经费: 364 + 30 = 394
funding["sources"][0]["executed"] = "364.0000000000000000000000000001"
funding["total"]["executed"] = "394.0000000000000000000000000001"
text = json.dumps(data, ensure_ascii=False)
err = refused(bp.InvalidDocument, bp.from_json, text, bp.SelfEvaluation,
              contains=("28 decimals; a figure may have at most 6", "$.projects[1].funding"))
(work / "report.json").write_text(text, encoding="utf-8")
done = cli("check", "report.json", "--lang", "en")
assert done.returncode == 2, done
assert "a figure may have at most 6" in done.stderr and "BP101" not in done.stdout
""",
    ),
    Case(
        id="dec-model-huge-exponent",
        what="Decimal('1E+999999999') is refused by the model, naming the field and the bound",
        code="""
from decimal import Decimal
import budget_perf as bp
err = refused(bp.InvalidAmount, bp.FundTotal, executed=Decimal("1E+999999999"),
              contains=("executed", "1000000000 digits before the decimal point",
                        "at most 15"))
assert err.field == "executed"
refused(bp.InvalidAmount, bp.Indicator, name="x", score=Decimal("1E-999999999"),
        contains=("score", "at most 6"))
refused(bp.InvalidAmount, bp.round_half_up, Decimal("1E+999999999"),
        contains="at most 1000")
refused(bp.InvalidAmount, bp.format_amount, Decimal("-1E+999999999"), contains="at most 1000")
""",
    ),
    Case(
        id="dec-to-decimal-5000-digits",
        what="to_decimal('1' * 5000) and a million-digit cell are refused at once, briefly",
        code="""
from budget_perf._decimal import to_decimal
import budget_perf as bp
err = refused(bp.InvalidAmount, to_decimal, "1" * 5000, field="executed",
              contains=("executed", "5000 digits before the decimal point", "at most 15"))
assert len(str(err)) < 400, len(str(err))
err = refused(bp.InvalidAmount, to_decimal, "0." + "1" * 1_000_000,
              contains="1000000 decimals")
assert len(str(err)) < 400
cell = bp.parse_amount("9" * 1_000_000)
assert cell.status is bp.CellStatus.UNPARSED and len(cell.reason) < 400
target = bp.parse_target("9" * 100_000 + "次")
assert target.clauses[0].kind is bp.TargetKind.UNPARSED, target.clauses[0]
""",
    ),
    Case(
        id="dec-emax-small",
        what="a caller context with Emax 3 and Emin -3 (and clamp, lower-case exponents) "
        "changes nothing",
        code=_BASELINE
        + """
decimal.setcontext(decimal.Context(Emax=3, Emin=-3, clamp=1, capitals=0))
assert bp.check(report) == baseline
from decimal import Decimal
assert bp.format_amount(Decimal("4026.3"), "en") == "4,026.30"
assert bp.round_half_up(Decimal("123456.785")) == Decimal("123456.79")
assert bp.percentage_shares([Decimal("3518.3"), Decimal("0.3001")], 4) \\
    == (Decimal("99.9915"), Decimal("0.0085"))
assert bp.from_json(bp.to_json(report), bp.SelfEvaluation) == report
assert decimal.getcontext().Emax == 3 and not any(decimal.getcontext().flags.values())
""",
    ),
    Case(
        id="dec-default-context-changed",
        what="a program that changes decimal.DefaultContext (prec 3, trapping Inexact) changes "
        "no figure in a new thread",
        code=_BASELINE
        + """
import threading
decimal.DefaultContext.prec = 3
decimal.DefaultContext.traps[decimal.Inexact] = True
out = []
thread = threading.Thread(target=lambda: out.append(
    (bp.check(report), bp.round_half_up(decimal.Decimal("98.485")), decimal.getcontext().prec)))
thread.start(); thread.join()
assert out == [(baseline, decimal.Decimal("98.49"), 3)], out[0][1:]
""",
    ),
    Case(
        id="dec-rule-changes-context",
        what="an added rule that sets prec=1 in its own context changes no other rule's finding",
        code=_BASELINE
        + """
def careless(context, rule):
    decimal.getcontext().prec = 1
    decimal.getcontext().traps[decimal.Inexact] = True
    return []
rogue = bp.Rule(code="BP000", severity=bp.Severity.INFO, family="extra", summary_zh="x",
                summary_en="x", reason="x", check=careless)
assert bp.check(report, rules=(rogue, *bp.RULES)) == baseline
assert decimal.getcontext().prec == 28
""",
    ),
)
