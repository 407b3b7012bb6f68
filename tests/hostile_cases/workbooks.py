"""Hostile inputs: workbooks (see tests/hostile.py for the helpers a snippet sees).

Each snippet builds its file from XML strings with :func:`xlsx` (a minimal package: content
types, root relationships, a workbook part, its relationships and one part per sheet) or patches
a workbook :func:`~budget_perf.excel.write_workbook` wrote, with :func:`patch`; both come from
``_BUILD``, which every snippet starts with.
"""

from hostile import Case

_BUILD = '''
import zipfile
from budget_perf.examples import load
from budget_perf.excel import WorkbookError, read_workbook, workbook_content, write_workbook

M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
CT = "application/vnd.openxmlformats-officedocument."
ROW = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'


def xlsx(name, sheets, *, book="xl/workbook.xml", shown=None, parts=None, types=""):
    """A minimal workbook: *sheets* maps each sheet's name to the XML inside its <worksheet>;
    *book* is the workbook part [Content_Types].xml declares, *shown* the one _rels/.rels
    names (the same by default); *parts* are added or replace those built."""
    rels, entries, files = [], [], {}
    for i, (title, body) in enumerate(sheets.items(), 1):
        files[f"xl/worksheets/s{i}.xml"] = f"<worksheet {M}>{body}</worksheet>"
        target = f"/xl/worksheets/s{i}.xml"
        rels.append(f'<Relationship Id="r{i}" Type="{R}/worksheet" Target="{target}"/>')
        entries.append(f'<sheet name="{title}" sheetId="{i}" r:id="r{i}"/>')
    folder, _, base = book.rpartition("/")
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{book}" ContentType="{CT}spreadsheetml.sheet.main+xml"/>'
        f"{types}</Types>"
    )
    files["_rels/.rels"] = (
        f'<Relationships {PR}><Relationship Id="r1" Type="{R}/officeDocument" '
        f'Target="/{shown or book}"/></Relationships>'
    )
    files[book] = f'<workbook {M} xmlns:r="{R}"><sheets>{"".join(entries)}</sheets></workbook>'
    files[f"{folder}/_rels/{base}.rels"] = f"<Relationships {PR}>{''.join(rels)}</Relationships>"
    files.update(parts or {})
    path = work / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in files.items():
            archive.writestr(part, text)
    return path


def patch(path, part, edit):
    """Rewrite *part* of the workbook at *path* with edit(its text)."""
    with zipfile.ZipFile(path) as old:
        files = {info.filename: old.read(info.filename) for info in old.infolist()}
    files[part] = edit(files[part].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in files.items():
            new.writestr(name, data)
    return path


def written(name="report.xlsx"):
    """The yueyang example written by write_workbook, and its report."""
    report = load("yueyang-npc-2022")
    write_workbook(report, work / name)
    return work / name, report
'''

_OTHER_CONTENT = '''
import openpyxl

def with_extra(name, text):
    """The example written, its 报告其他内容 sheet's column A replaced by *text* in chunks."""
    path, _ = written(name)
    book = openpyxl.load_workbook(path)
    sheet = book["报告其他内容"]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=1).value = None
    for row, start in enumerate(range(0, len(text), 30000), start=2):
        sheet.cell(row=row, column=1).value = "|" + text[start : start + 30000]
    book.save(path)
    return path
'''


def _case(id: str, what: str, code: str, *, extra: bool = False) -> Case:
    return Case(id=id, what=what, code=_BUILD + (_OTHER_CONTENT if extra else "") + code)


CASES: tuple[Case, ...] = (
    _case(
        "xlsx-styled-cell-at-xfd1048576",
        "one empty formatted cell at XFD1048576 (and a dimension to match) is read past",
        """
path, report = written()
far = '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>'
patch(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", far))
assert read_workbook(path) == workbook_content(report)
""",
    ),
    _case(
        "xlsx-ten-sheets-merged-a1-bl5000",
        "ten sheets each merged A1:BL5000 (5 KB): refused by the total merged area",
        """
merged = ROW + '<mergeCells><mergeCell ref="A1:BL5000"/></mergeCells>'
path = xlsx("merged10.xlsx", {f"S{i}": merged for i in range(10)})
refused(WorkbookError, read_workbook, path, contains=("100000 cells covered by merged", "S0"))
""",
    ),
    _case(
        "xlsx-forty-sheets-merged-a1-bl5000",
        "forty sheets each merged A1:BL5000: refused as fast as ten",
        """
merged = ROW + '<mergeCells><mergeCell ref="A1:BL5000"/></mergeCells>'
path = xlsx("merged40.xlsx", {f"S{i}": merged for i in range(40)})
refused(WorkbookError, read_workbook, path, contains=("merged ranges",))
""",
    ),
    _case(
        "xlsx-many-sheets-of-empty-cells",
        "sixty sheets of 5 000 empty formatted cells each pass any per-sheet bound: refused "
        "by the total",
        """
cells = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="0"/>' for c in "ABCDEFGHIJ")
                + "</row>" for r in range(1, 501))
path = xlsx("empty.xlsx", {f"S{i}": f"<sheetData>{cells}</sheetData>" for i in range(60)})
refused(WorkbookError, read_workbook, path, contains=("200000 cells in all sheets",))
""",
    ),
    _case(
        "xlsx-huge-styles-xml",
        "a styles.xml of 30 000 cell formats: refused before openpyxl builds them",
        """
styles = f'<styleSheet {M}><cellXfs>' + "<xf/>" * 30000 + "</cellXfs></styleSheet>"
path = xlsx("styles.xlsx", {"S": ROW}, parts={"xl/styles.xml": styles})
refused(WorkbookError, read_workbook, path, contains=("20000 style records", "xl/styles.xml"))
""",
    ),
    _case(
        "xlsx-decoy-workbook-declared-in-content-types",
        "an innocent xl/workbook.xml for Excel, the real workbook elsewhere in "
        "[Content_Types].xml: refused as two workbooks",
        """
path = xlsx("decoy.xlsx", {"S": ROW}, book="xl/real.xml", shown="xl/workbook.xml",
            parts={"xl/workbook.xml": f"<workbook {M}/>"})
refused(WorkbookError, read_workbook, path, contains=("two workbooks", "xl/real.xml"))
""",
    ),
    _case(
        "xlsx-decoy-workbook-name-does-not-skip-the-scan",
        "the real workbook part is xl/real.xml (in both places), xl/workbook.xml a decoy: its "
        "sheets are counted all the same",
        """
merged = ROW + '<mergeCells><mergeCell ref="A1:BL5000"/></mergeCells>'
path = xlsx("decoy2.xlsx", {"S": merged}, book="xl/real.xml",
            parts={"xl/workbook.xml": f"<workbook {M}/>"})
refused(WorkbookError, read_workbook, path, contains=("merged", "xl/worksheets/s1.xml"))
""",
    ),
    _case(
        "xlsx-two-sheets-on-one-part",
        "two sheets listed on one worksheet part (read twice for the price of one)",
        """
path = xlsx("twice.xlsx", {"A": ROW, "B": ROW})
patch(path, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace("/s2.xml", "/s1.xml"))
refused(WorkbookError, read_workbook, path, contains=("both read from the part",))
""",
    ),
    _case(
        "xlsx-too-many-sheets",
        "300 small sheets: refused by their number",
        """
path = xlsx("sheets.xlsx", {f"S{i}": ROW for i in range(300)})
refused(WorkbookError, read_workbook, path, contains=("256 sheets",))
""",
    ),
    _case(
        "xlsx-huge-shared-strings",
        "60 000 shared strings: refused by their count",
        """
sst = f'<sst {M}>' + "<si><t>x</t></si>" * 60000 + "</sst>"
types = f'<Override PartName="/xl/s.xml" ContentType="{CT}spreadsheetml.sharedStrings+xml"/>'
path = xlsx("sst.xlsx", {"S": ROW}, parts={"xl/s.xml": sst}, types=types)
refused(WorkbookError, read_workbook, path, contains=("50000 shared strings",))
""",
    ),
    _case(
        "xlsx-many-value-cells",
        "60 000 cells holding a value: refused before any is converted",
        """
cells = lambda r: "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEF")
data = "<sheetData>" + "".join(f'<row r="{r}">{cells(r)}</row>' for r in range(1, 2001))
path = xlsx("values.xlsx", {f"S{i}": data + "</sheetData>" for i in range(5)})
refused(WorkbookError, read_workbook, path, contains=("50000 cells holding a value",))
""",
    ),
    _case(
        "xlsx-defined-names-bloat",
        "60 000 defined names in the workbook part: refused before openpyxl builds its tree",
        """
path = xlsx("names.xlsx", {"S": ROW})
names = "<definedNames>" + '<definedName name="n">S!$A$1</definedName>' * 60000 + "</definedNames>"
patch(path, "xl/workbook.xml", lambda xml: xml.replace("</sheets>", "</sheets>" + names))
refused(WorkbookError, read_workbook, path,
        contains=("50000 XML elements in the parts read whole", "xl/workbook.xml"))
""",
    ),
    _case(
        "xlsx-zip-bomb-ratio",
        "a 24 MB part of zeros packed into 24 KB: refused from the archive's directory",
        """
path = xlsx("bomb.xlsx", {"S": ROW}, parts={"xl/media/pad.bin": bytes(24 << 20)})
refused(WorkbookError, read_workbook, path, contains=("zip bomb", "xl/media/pad.bin"))
""",
    ),
    _case(
        "xlsx-doctype-in-workbook-part",
        "an entity declaration in the workbook part (not a sheet): refused before parsing",
        """
path = xlsx("doctype.xlsx", {"S": ROW})
patch(path, "xl/workbook.xml", lambda xml: '<!DOCTYPE w [<!ENTITY a "aaaa">]>' + xml)
refused(WorkbookError, read_workbook, path, contains=("DOCTYPE", "xl/workbook.xml"))
""",
    ),
    _case(
        "xlsx-json-deep-nesting",
        "报告其他内容 holding JSON nested 100 000 levels deep",
        """
path = with_extra("deep.xlsx", "[" * 100000 + "]" * 100000)
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "64 levels"))
""",
        extra=True,
    ),
    _case(
        "xlsx-json-huge-integer",
        "报告其他内容 holding a 5 000-digit integer",
        """
path = with_extra("bigint.xlsx", '{"title": ' + "9" * 5000 + "}")
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "5000 digits"))
""",
        extra=True,
    ),
    _case(
        "xlsx-json-duplicate-keys",
        "报告其他内容 holding an object with a key twice (which one wins?)",
        """
path = with_extra("dup.xlsx", '{"title": "a", "title": "b"}')
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "'title' appears twice"))
""",
        extra=True,
    ),
    _case(
        "xlsx-json-not-json",
        "报告其他内容 holding text that is not JSON: named at its cell",
        """
path = with_extra("notjson.xlsx", "x" * 40000)
refused(WorkbookError, read_workbook, path, contains=("报告其他内容!A2", "not JSON"))
""",
        extra=True,
    ),
    _case(
        "xlsx-json-wrong-shape",
        "报告其他内容 holding JSON of the wrong shape",
        """
path = with_extra("shape.xlsx", '{"department": 5}')
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "does not fit"))
""",
        extra=True,
    ),
    _case(
        "xlsx-formula-looking-texts-round-trip",
        "a project named like a formula is written as a string cell with a quote prefix, read "
        "back exactly",
        """
import attrs, openpyxl
report = load("yueyang-npc-2022")
names = ['=HYPERLINK("http://evil.example","点此")', "@SUM(1)", "+1+1", "-2+3"]
projects = tuple(attrs.evolve(p, name=n) for p, n in zip(report.projects, names))
report = attrs.evolve(report, projects=projects)
write_workbook(report, work / "f.xlsx")
book = openpyxl.load_workbook(work / "f.xlsx")
cells = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value in names]
assert {c.value for c in cells} == set(names[: len(projects)]), cells
assert all(c.data_type == "s" and c.quotePrefix for c in cells)
assert read_workbook(work / "f.xlsx") == workbook_content(report)
""",
    ),
    _case(
        "xlsx-not-a-zip",
        "random bytes named .xlsx",
        """
(work / "r.xlsx").write_bytes(bytes(range(256)) * 40)
refused(WorkbookError, read_workbook, work / "r.xlsx", contains=("not an .xlsx workbook",))
""",
    ),
    _case(
        "xlsx-truncated-zip",
        "a workbook cut off half way",
        """
path, _ = written()
path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
refused(WorkbookError, read_workbook, path, contains=("corrupt zip archive", "truncated"))
""",
    ),
    _case(
        "xlsx-directory-path",
        "a directory named like a workbook",
        """
(work / "d.xlsx").mkdir()
refused(WorkbookError, read_workbook, work / "d.xlsx", contains=("cannot open the file",))
""",
    ),
    _case(
        "xlsx-word-document-renamed",
        "a .docx saved as .xlsx",
        """
word = f"{CT}wordprocessingml.document.main+xml"
ct = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      f'<Override PartName="/word/document.xml" ContentType="{word}"/></Types>')
with zipfile.ZipFile(work / "w.xlsx", "w") as z:
    z.writestr("[Content_Types].xml", ct)
    z.writestr("word/document.xml", "<document/>")
refused(WorkbookError, read_workbook, work / "w.xlsx", contains=("not an .xlsx workbook", "Word"))
""",
    ),
    _case(
        "writer-extra-project-index-missing",
        "报告其他内容 putting a unit on a 13th project table of a workbook that has eight",
        """
import json
doc = {"format": "budget_perf.workbook-extra/2",
       "patches": [{"at": "$.projects[12]", "set": {"amount_unit": "元"}}]}
path = with_extra("p7.xlsx", json.dumps(doc, ensure_ascii=False))
refused(WorkbookError, read_workbook, path,
        contains=("报告其他内容", "$.projects[12]", "which the tables do not have"))
""",
        extra=True,
    ),
    _case(
        "writer-extra-unit-not-yuan",
        "报告其他内容 giving a project table the unit 千元 (only 元 and 万元 exist)",
        """
import json
doc = {"format": "budget_perf.workbook-extra/2",
       "patches": [{"at": "$.projects[0]", "set": {"amount_unit": "千元"}}]}
path = with_extra("unit.xlsx", json.dumps(doc, ensure_ascii=False))
refused(WorkbookError, read_workbook, path,
        contains=("报告其他内容", "does not fit", "$.projects[0].amount_unit"))
""",
        extra=True,
    ),
    _case(
        "writer-extra-unknown-field",
        "报告其他内容 setting a field an indicator does not have, or the report's schema key",
        """
import json
for at, key in (("$.projects[0].indicators.groups[0].groups[0].indicators[0]", "colour"),
                ("$", "schema")):
    doc = {"format": "budget_perf.workbook-extra/2", "patches": [{"at": at, "set": {key: "x"}}]}
    path = with_extra(key + ".xlsx", json.dumps(doc, ensure_ascii=False))
    expected = ("报告其他内容", repr(key), "does not have")
    refused(WorkbookError, read_workbook, path, contains=expected)
""",
        extra=True,
    ),
    _case(
        "writer-extra-bad-paths",
        "报告其他内容 with paths that are not paths: a number, '$..x', a 10-digit index, a year",
        """
import json
for at in (7, "$..x", "$.projects[9999999999]", "$.year"):
    doc = {"format": "budget_perf.workbook-extra/2", "patches": [{"at": at, "set": {}}]}
    path = with_extra("path.xlsx", json.dumps(doc))
    refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "patch 1"))
""",
        extra=True,
    ),
    _case(
        "writer-extra-unknown-format",
        "报告其他内容 in a format from a newer budget_perf, and one that is a list",
        """
import json
path = with_extra("f9.xlsx", json.dumps({"format": "budget_perf.workbook-extra/9", "patches": []}))
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "workbook-extra/9", "newer"))
path = with_extra("list.xlsx", "[]")
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "format"))
""",
        extra=True,
    ),
    _case(
        "writer-extra-lone-surrogate",
        "报告其他内容 holding a lone surrogate, escaped, in a title",
        r"""
patch = '{"at": "$", "set": {"title": "\\ud800"}}'
doc = '{"format": "budget_perf.workbook-extra/2", "patches": [' + patch + "]}"
path = with_extra("sur.xlsx", doc)
refused(WorkbookError, read_workbook, path, contains=("报告其他内容", "surrogate"))
""",
        extra=True,
    ),
    _case(
        "writer-extra-many-patches",
        "报告其他内容 with 100 000 patches of one deep indicator: applied in linear time",
        """
import json
at = "$.projects[0].indicators.groups[0].groups[0].indicators[0]"
one = json.dumps({"at": at, "set": {"core": "是"}}, ensure_ascii=False)
doc = '{"format": "budget_perf.workbook-extra/2", "patches": [' + ",".join([one] * 100000) + "]}"
path = with_extra("many.xlsx", doc)
report = read_workbook(path)
assert report.projects[0].indicators.groups[0].groups[0].indicators[0].core == "是"
""",
        extra=True,
    ),
)
