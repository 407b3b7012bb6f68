"""Hostile inputs: Word documents, .xls workbooks and files of no known kind, read through
``budget_perf._readers.read_grids`` (see tests/hostile.py for the helpers a snippet sees).

Each snippet builds its file with the helpers of ``_BUILD``: :func:`docx` writes a minimal
Word package from the XML of its body (and any parts to add or replace), :func:`xls` an .xls
workbook with xlwt, :func:`patch_stream` rewrites bytes of an .xls file's workbook stream.
"""

from hostile import Case

_BUILD = '''
import zipfile
import xlwt
from budget_perf._readers import DocumentError, WorkbookError, read_grids

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MAIN}"/></Types>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
CELL = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
TABLE = f"<w:tbl><w:tr>{CELL}</w:tr></w:tbl>"


def docx(name, body, parts=None, document=None, stored=False):
    """A minimal Word document whose body is *body*; *parts* are added or replace those built;
    *document* replaces the whole document part; *stored*: not compressed."""
    files = {"[Content_Types].xml": TYPES, "_rels/.rels": RELS}
    files["word/document.xml"] = document or f"<w:document {W}><w:body>{body}</w:body></w:document>"
    files.update(parts or {})
    path = work / name
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as archive:
        for part, text in files.items():
            archive.writestr(part, text)
    return path


def xls(name, cells, merged=()):
    """An .xls workbook of one sheet "S": *cells* maps (row, column), 0-based, to a value."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    for (row, column), value in cells.items():
        sheet.write(row, column, value)
    for r0, r1, c0, c1 in merged:
        sheet.merge(r0, r1, c0, c1)
    path = work / name
    book.save(str(path))
    return path


BOF = bytes.fromhex("0908100000060500")


def patch_stream(path, edit):
    """Rewrite the workbook stream of the .xls at *path* in place (xlwt writes it whole, from
    the first sector on): edit(bytes of the file, offset of the stream's BOF) -> new bytes."""
    data = path.read_bytes()
    path.write_bytes(edit(data, data.index(BOF)))
'''


def _case(id: str, what: str, code: str) -> Case:
    return Case(id=id, what=what, code=_BUILD + code)


CASES: tuple[Case, ...] = (
    _case(
        "readers-docx-zip-bomb",
        "a Word document whose directory says a part unpacks to 4 GB (Python's zipfile would "
        "unpack no more than the stated size, so the stated size is what is checked)",
        """
path = docx("bomb.docx", TABLE, parts={"word/media/image1.png": "x"})
data = bytearray(path.read_bytes())
at = data.rindex(b"PK\\x01\\x02", 0, data.rindex(b"word/media/image1.png"))
data[at + 24 : at + 28] = (4_000_000_000).to_bytes(4, "little")  # its uncompressed size
path.write_bytes(bytes(data))
refused(DocumentError, read_grids, path, contains=("would unpack to", "a zip bomb?"))
""",
    ),
    _case(
        "readers-docx-compressed-part",
        "a Word document whose 20 MB part of zeros passes the total but not the ratio",
        """
path = docx("ratio.docx", TABLE, parts={"word/media/image1.png": bytes(20 << 20).decode()})
refused(DocumentError, read_grids, path, contains=("compressed", "image1.png", "zip bomb"))
""",
    ),
    _case(
        "readers-docx-billion-laughs",
        "a document part declaring nested entities (billion laughs): refused at the DOCTYPE",
        """
lol = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>"
body = "<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body>"
document = lol + f"<w:document {W}>{body}</w:document>"
refused(DocumentError, read_grids, docx("lol.docx", "", document=document),
        contains=("DOCTYPE", "word/document.xml"))
""",
    ),
    _case(
        "readers-docx-external-entity",
        "a relationship part declaring an external entity (XXE): refused at the DOCTYPE",
        """
rels = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + RELS.replace("rId1", "&x;")
refused(DocumentError, read_grids, docx("xxe.docx", TABLE, parts={"_rels/.rels": rels}),
        contains=("DOCTYPE", "_rels/.rels"))
""",
    ),
    _case(
        "readers-docx-many-tables",
        "a Word document of 600 one-cell tables",
        """
refused(DocumentError, read_grids, docx("tables.docx", TABLE * 600), contains=("500 tables",))
""",
    ),
    _case(
        "readers-docx-many-rows",
        "a Word table of 6 000 rows",
        """
body = "<w:tbl>" + f"<w:tr>{CELL}</w:tr>" * 6000 + "</w:tbl>"
refused(DocumentError, read_grids, docx("rows.docx", body), contains=("表1", "5000 rows"))
""",
    ),
    _case(
        "readers-docx-huge-grid-span",
        "one cell spanning a million columns: refused before any position is filled",
        """
cell = '<w:tc><w:tcPr><w:gridSpan w:val="999999"/></w:tcPr><w:p/></w:tc>'
body = f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"
refused(DocumentError, read_grids, docx("span.docx", body), contains=("表1!R1C1", "columns"))
""",
    ),
    _case(
        "readers-docx-merged-area",
        "a 64-column cell merged down 3 200 rows (204 800 positions)",
        """
first = '<w:tc><w:tcPr><w:gridSpan w:val="64"/><w:vMerge w:val="restart"/></w:tcPr>' + (
    "<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>")
rest = '<w:tc><w:tcPr><w:gridSpan w:val="64"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
table = f"<w:tbl><w:tr>{first}</w:tr>" + f"<w:tr>{rest}</w:tr>" * 3200 + "</w:tbl>"
refused(DocumentError, read_grids, docx("merged.docx", table), contains=("200000 cells",))
""",
    ),
    _case(
        "readers-docx-deep-nesting",
        "tables nested ten deep",
        """
inner = CELL
for _ in range(10):
    inner = f"<w:tc><w:tbl><w:tr>{inner}</w:tr></w:tbl><w:p/></w:tc>"
body = f"<w:tbl><w:tr>{inner}</w:tr></w:tbl>"
refused(DocumentError, read_grids, docx("deep.docx", body), contains=("nested more than 4",))
""",
    ),
    _case(
        "readers-docx-many-elements",
        "a document part of 1.05 million empty paragraphs (stored: no zip bomb)",
        """
refused(DocumentError, read_grids, docx("p.docx", "<w:p/>" * 1_050_000, stored=True),
        contains=("1000000 XML elements",))
""",
    ),
    _case(
        "readers-docx-truncated",
        "a Word document cut in half",
        """
path = docx("cut.docx", TABLE * 50)
path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
refused(WorkbookError, read_grids, path, contains=("damaged or truncated zip",))
""",
    ),
    _case(
        "readers-docx-renamed-xlsx",
        "a Word document renamed .xlsx: read as Word tables; read_workbook refuses it",
        """
from budget_perf.excel import read_workbook
path = docx("report.xlsx", TABLE)
(grid,) = read_grids(path)
assert grid.sheet == "表1" and grid.cell(1, 1).value == "x"
refused(WorkbookError, read_workbook, path, contains=("not an .xlsx workbook",))
""",
    ),
    _case(
        "readers-random-bytes",
        "a megabyte of random bytes named .xls",
        """
import random
path = work / "noise.xls"
path.write_bytes(random.Random(7).randbytes(1 << 20))
refused(WorkbookError, read_grids, path, contains=("a file of unknown kind", ".docx"))
""",
    ),
    _case(
        "readers-ole-encrypted-package",
        "a password-protected Office file (an OLE file with an EncryptedPackage stream)",
        """
path = xls("locked.xlsx", {(0, 0): 1})
data = bytearray(path.read_bytes())
at = data.index("Workbook".encode("utf-16-le"))
name = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\\0")
data[at : at + 66] = name + (34).to_bytes(2, "little")
path.write_bytes(bytes(data))
error = refused(WorkbookError, read_grids, path, contains=("password-protected",))
assert "加密" in error.message("zh")
""",
    ),
    _case(
        "readers-xls-filepass",
        "an .xls whose globals carry a FILEPASS record (an encrypted workbook)",
        """
path = xls("filepass.xls", {(0, 0): 1})
# the record after the BOF becomes a FILEPASS of the same length
patch_stream(path, lambda d, at: d[: at + 20] + b"\\x2f\\x00" + d[at + 22 :])
refused(WorkbookError, read_grids, path, contains=("password-protected",))
""",
    ),
    _case(
        "readers-xls-truncated",
        "an .xls cut in half",
        """
path = xls("cut.xls", {(r, c): r * c for r in range(200) for c in range(10)})
path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
refused(WorkbookError, read_grids, path, contains=("cannot read the workbook",))
""",
    ),
    _case(
        "readers-xls-row-beyond-limit",
        "an .xls with a value at row 60 000",
        """
refused(WorkbookError, read_grids, xls("far.xls", {(59999, 0): 1}),
        contains=("S!A60000", "limit of 5000"))
""",
    ),
    _case(
        "readers-xls-merged-beyond-columns",
        "an .xls with a range merged across 200 columns",
        """
refused(WorkbookError, read_grids, xls("wide.xls", {(0, 0): 1}, merged=[(0, 0, 0, 199)]),
        contains=("merged range", "64"))
""",
    ),
    _case(
        "readers-xls-many-cells",
        "an .xls of 60 000 values (within the rows and columns)",
        """
cells = {(r, c): 1 for r in range(4000) for c in range(15)}
refused(WorkbookError, read_grids, xls("many.xls", cells), contains=("50000 cells holding",))
""",
    ),
    _case(
        "readers-xls-formula",
        "an .xls whose cell holds a formula (xlrd would give only its saved result)",
        """
refused(WorkbookError, read_grids, xls("f.xls", {(0, 0): 1, (1, 1): xlwt.Formula("A1*3")}),
        contains=("S!B2", "formula"))
""",
    ),
    _case(
        "readers-xls-sheet-offset-out-of-stream",
        "an .xls whose BOUNDSHEET points past the end of the workbook stream",
        """
def far(data, at):
    bound = data.index(b"\\x85\\x00", at)  # the BOUNDSHEET record
    return data[: bound + 4] + b"\\xff\\xff\\xff\\x7f" + data[bound + 8 :]
path = xls("offset.xls", {(0, 0): 1})
patch_stream(path, far)
refused(WorkbookError, read_grids, path, contains=("ends before its EOF",))
""",
    ),
)
