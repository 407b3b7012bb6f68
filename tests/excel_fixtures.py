"""Build small Excel workbooks for the tests of budget_perf.excel, at test time (no binaries).

Each builder writes one workbook into a directory given by the test (``tmp_path``) and returns
its path.  The well-formed ones copy layouts real offices use (the 岳阳 2022 tables): merged
block labels, ideographic-space blanks, "——", full-width digits, a rate stored as 1 with the
format 0%, blank rows, remarks typed into a funds row.  The hostile ones are each broken in
exactly one way.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

__all__ = [
    "basic_data_like_seed",
    "corrupt_zip",
    "department_like_seed",
    "drifted_project",
    "error_value",
    "formula_cell",
    "huge_sheet",
    "missing_column",
    "project_sheet",
    "text_renamed_xlsx",
    "two_projects_one_sheet",
    "unknown_fund_source",
    "wide_sheet",
    "xml_bomb",
    "yueyang_project",
    "zip_bomb",
]

IDEOGRAPHIC_SPACE = "\u3000"


def _put(ws: Any, ref: str, value: object, fmt: str | None = None, to: str | None = None) -> None:
    ws[ref] = value
    if fmt is not None:
        ws[ref].number_format = fmt
    if to is not None:
        ws.merge_cells(f"{ref}:{to}")


def project_sheet(
    ws: Any, top: int = 1, name: str = "人大监督", changes: Mapping[str, object] | None = None
) -> int:
    """Write a 人大监督-style project table at row *top* of *ws*; return the row after it.

    *changes* replace single cells by their offset reference ("E5" is written at row
    top + 4): the hostile fixtures use this to break one cell.
    """

    def at(ref: str) -> str:
        column = ref.rstrip("0123456789")
        return f"{column}{int(ref[len(column) :]) + top - 1}"

    def put(ref: str, value: object, fmt: str | None = None, to: str | None = None) -> None:
        value = (changes or {}).get(ref, value)
        _put(ws, at(ref), value, fmt, None if to is None else at(to))

    s = IDEOGRAPHIC_SPACE
    put("A1", "2022年度项目支出绩效自评表", to="I1")
    # row 2 is left blank
    put("A3", "项目支\n出名称")
    put("B3", name, to="I3")
    put("A4", "主管部门")
    put("B4", f"岳阳市人民代表大会常务委员会{s}", to="E4")
    put("F4", "实施单位")
    put("G4", "岳阳市人民代表大会常务委员会", to="I4")
    put("A5", "项目资金\n（万元）", to="A9")
    put("B5", s)
    for column, label in zip("CDEFGH", ("年初\n\n预算数", "全年\n\n预算数", "全年\n\n执行数",
                                        "分值", "执行率", "得分"), strict=True):  # fmt: skip
        put(f"{column}5", label)
    put("B6", f"年度资金总额{s}")
    put("C6", 124)
    put("D6", 124.0)
    put("E6", 122.18)
    put("F6", f"{s}10")
    put("G6", 1, fmt="0%")
    put("H6", 10)
    put("B7", f"其中：当年财政拨款{s}")
    put("C7", "１２４")  # full-width digits in a text cell
    put("D7", 124)
    put("E7", 122.18)
    put("F7", f"(实际支出为124，差额原因为业务科室报账不及时）{s}", to="I7")
    put("B8", f"上年结转资金{s}")
    put("C8", s)
    put("D8", "——")
    put("B9", "其他资金")
    # row 10 is left blank
    put("A11", "年度总体目标", to="A12")
    put("B11", "预期目标", to="E11")
    put("F11", f"实际完成情况{s}", to="I11")
    put("B12", "发挥监督实效，促进依法行政、公正司法", to="E12")
    put("F12", "已完成", to="I12")
    put("A13", "绩\n效\n指\n标", to="A17")
    for column, label in zip("BCDEFGHI", ("一级指标", "二级指标", "三级指标", "年度\n指标值",
                                          "实际\n完成值", "分值", "得分",
                                          "偏差原因分析及改进措施"), strict=True):  # fmt: skip
        put(f"{column}13", label)
    put("B14", "产出指标\n\n(50分)", to="B15")
    put("C14", "数量指标", to="C15")
    put("D14", "开展执法检查")
    put("E14", "４次")
    put("F14", "4次")
    put("G14", f"{s}25")
    put("H14", 25)
    put("D15", "听取专项工作报告")
    put("E15", "≥6项")
    put("F15", "5项")
    put("G15", 25)
    put("H15", 20)
    put("I15", "一项报告顺延至下一年度")
    put("B16", "效益指标\n（30分）")
    put("C16", "社会效\n\n益指标")
    put("D16", "促进依法行政")
    put("E16", "成效明显")
    put("F16", "成效明显")
    put("G16", 30)
    put("H16", 30)
    put("B17", "满意度\n\n指标\n\n（10分）")
    put("C17", "服务对象满意度指标")
    put("D17", "代表满意度")
    put("E17", "≥95%")
    put("F17", "100%")
    put("G17", 10)
    put("H17", 10)
    put("A18", "总分", to="F18")
    put("G18", 100)
    put("H18", 95)
    put("I18", s)
    put("A19", "备注：一个一级项目支出一张表。", to="I19")
    put("A20", "填表人：卢玉婷  填报日期：2023.6.15  联系电话：8788622  单位负责人签字：", to="I20")
    return top + 21


def _book(path: Path, build: Any, title: str = "项目表") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    build(sheet)
    workbook.save(path)
    return path


def yueyang_project(directory: Path, **changes: object) -> Path:
    """One 人大监督 project table on the sheet "项目表" (see :func:`project_sheet`)."""
    return _book(directory / "project.xlsx", lambda ws: project_sheet(ws, changes=changes))


def two_projects_one_sheet(directory: Path) -> Path:
    """Two project tables one above the other on one sheet."""

    def build(ws: Any) -> None:
        after = project_sheet(ws, 1, "人大监督")
        project_sheet(ws, after + 2, "人大立法")

    return _book(directory / "two.xlsx", build)


def drifted_project(directory: Path) -> Path:
    """A template from another year: shifted one column right, columns reordered, an extra
    备注 column, full-width digits in the title, spaced labels, no merged cells at all."""

    def build(ws: Any) -> None:
        rows: list[list[object]] = [
            ["", "２０２３年度 项目支出绩效自评表"],
            ["序号", "项目名称", "人大立法"],
            ["", "主管部门", "岳阳市人大常委会", "", "", "实施单位", "岳阳市人大常委会"],
            ["", "项目资金（万元）", "", "全 年 预 算 数", "年初预算数", "全年执行数",
             "执行率", "分值", "得分"],
            ["", "", "年度资金总额", 46.2, 40, 46.2, 1, 10, 10],
            ["", "", "其中：财政拨款", 46.2, 40, 46.2],
            ["", "年度总体目标", "预期目标", "", "", "实际完成情况"],
            ["", "", "每年立一部法", "", "", "颁行地方性法规1部"],
            ["", "绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值",
             "分值", "得分", "偏差原因分析", "备注"],
            ["", "", "产出指标（５０分）", "数量指标", "立法数量", "1部", "1部", 50, 50, "",
             "已审议"],
            ["", "", "效益指标（30分）", "社会效益指标", "法治水平", "提升", "提升", 30, 30],
            ["", "", "满意度指标（10分）", "服务对象满意度指标", "满意度", "≥90%", "95%",
             10, 9.5, "个别代表建议办理不及时"],
            ["", "总 分", "", "", "", "", "", 100, 99.5],
        ]  # fmt: skip
        for row in rows:
            ws.append(row)
        ws["G5"].number_format = "0.00%"

    return _book(directory / "drifted.xlsx", build)


_SEED_EXPENSES: list[tuple[str, object, object, object]] = [
    ("三公经费", "67.03　", "202　", "70.3　"),
    ("   1、公务用车购置和维护经费", "60.42　", "130　", "66.81　"),
    ("       其中：公车购置", "17.98　", "30　", "17.98　"),
    ("             公车运行维护", "42.44　", "100　", "48.83　"),
    ("   2、出国经费", "0　", "30　", 0),
    ("   3、公务接待", "6.61　", "42　", "3.49　"),
    ("项目支出：", 1425.37, 990.89, 1496.7),
    ("    1、业务工作经费", 57.02, "161.1　", 228.97),
    ("    2、运行维护经费", 544.59, 238.49, 394),
    ("3、人大监督", 194.5, 124, 122.18),
    ("4、人大立法", "81　", "46.2　", 46.2),
    ("5、人大会议", 247.9, 162.9, 404.08),
    ("6、人大代表", 300.36, 258.2, 256.97),
    ("7、市人大系统干部履职培训班", None, None, 20.3),
    ("8、人大环保世纪行", None, None, 24),
    ("公用经费", "297.49　", "271.19　", "450.81　"),
    ("    其中：办公经费", 62.18, 20, 5.82),
    ("          水费、电费、差旅费", "0.2　", 40, "60.19　"),
    ("          会议费、培训费", "0.2　", "10　", 1.79),
    ("印刷费、邮电费、劳务费等", 234.91, 201.19, 383.01),
    ("政府采购金额", "——", "1285　", "292.75　"),
    ("部门基本支出预算调整 ", "——", "1056.35　", "1056.35　"),
]


def basic_data_like_seed(directory: Path) -> Path:
    """The seed's basic data table as its office typed it: nesting by spaces and numbering,
    figures as text with ideographic spaces, "——" blanks, a rate as 0.7658 formatted 0.00%."""

    def build(ws: Any) -> None:
        _put(ws, "A1", "2022年度部门整体支出绩效评价基础数据表", to="G1")
        ws.append(["财政供养人员情况（人）", "编制数", "2022年实际在职人数", "控制率"])
        ws.append([None, 111, "85　", 0.7658])
        ws["D3"].number_format = "0.00%"
        ws.append(["经费控制情况（万元）", "2021年决算数", "2022年预算数", "2022年决算数"])
        for row in _SEED_EXPENSES:
            ws.append(list(row))
        ws.append([])  # a blank row
        buildings = ["楼堂馆所控制情况\n（2022年完工项目）", "批复规模\n（㎡）", "实际规模（㎡）"]
        buildings += ["规模控制率", "预算投资（万元）", "实际投资（万元）", "投资概算控制率"]
        ws.append(buildings)
        ws.append([None, "——　", "　——", "　——", "　——", "　——", "　——"])
        measures = (
            "1.单位物资采购和领用严格按程序申报，厉行节约，反对浪费。\n\n"
            "2.制定厉行节约、安全用电等管理制度，要求每一个部室员工节约水电。\n\n"
            "3.所有项目建设、物资采购、车辆维修、公务接待等开支都实行事前申报、从严审批，"
            "加强监督管理，控制开支成本。"
        )
        ws.append(["厉行节约保障措施", measures])
        note = (
            "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，"
            "“公用经费”填报基本支出中的一般商品和服务支出。"
        )
        ws.append([note])
        ws.append(["填表人：卢玉婷  填报日期：2023.6.9  联系电话：8788622  单位负责人签字："])

    return _book(directory / "basic.xlsx", build, title="基础数据表")


def department_like_seed(directory: Path) -> Path:
    """The seed's department table head: the splits typed as "其中：  一般公共预算：4030.75"."""

    def build(ws: Any) -> None:
        _put(ws, "A1", "2022年度部门整体支出绩效自评表", to="I1")
        _put(ws, "A2", "市级预算部门名称")
        _put(ws, "B2", "岳阳市人民代表大会常务委员会　", to="I2")
        _put(ws, "A3", "年度预\n\n算申请\n（万元）", to="A9")
        for column, label in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值",
                                            "执行率", "得分"), strict=True):  # fmt: skip
            _put(ws, f"{column}3", label)
        _put(ws, "B4", "年度资金总额")
        for column, value in zip("CDEFGH", (2811.69, 4280.31, 4280.31, 10, 1, 10), strict=True):
            _put(ws, f"{column}4", value, fmt="0%" if column == "G" else None)
        _put(ws, "B5", "按收入性质分：", to="E5")
        _put(ws, "F5", "按支出性质分：", to="I5")
        _put(ws, "B6", "  其中：  一般公共预算：4030.75", to="E6")
        _put(ws, "F6", "其中：基本支出：2731.71", to="I6")
        _put(ws, "B7", "政府性基金拨款：0", to="E7")
        _put(ws, "F7", "项目支出：1496.7", to="I7")
        _put(ws, "B8", "纳入专户管理的非税收入拨款：0", to="E8")
        _put(ws, "B9", "其他资金：168.69", to="E9")
        _put(ws, "A10", "填表人：卢玉婷  填报日期：2023.6.9  联系电话：8788622  单位负责人签字：")

    return _book(directory / "department.xlsx", build, title="部门整体")


def missing_column(directory: Path) -> Path:
    """The project table with its 全年执行数 header relabelled 完成数."""
    return yueyang_project(directory, E5="完成数")


def formula_cell(directory: Path) -> Path:
    """The project table with 全年预算数 computed by a formula (=C6)."""
    return yueyang_project(directory, D6="=C6")


def error_value(directory: Path) -> Path:
    """The project table with the error value #DIV/0! as its 执行率."""
    return yueyang_project(directory, G6="#DIV/0!")


def unknown_fund_source(directory: Path) -> Path:
    """The project table with a fund source no template names (自筹款)."""
    return yueyang_project(directory, B9="自筹款")


def huge_sheet(directory: Path) -> Path:
    """A small file whose sheet uses row 6000 (beyond the 5000-row limit)."""
    return _book(directory / "huge.xlsx", lambda ws: _put(ws, "A6000", "x"), title="大表")


def wide_sheet(directory: Path) -> Path:
    """A small file whose sheet uses column 100 (beyond the 64-column limit)."""
    return _book(directory / "wide.xlsx", lambda ws: ws.cell(row=1, column=100, value=1))


def text_renamed_xlsx(directory: Path) -> Path:
    """A text file renamed .xlsx."""
    path = directory / "renamed.xlsx"
    path.write_text("部门整体支出绩效自评表\n年度资金总额,4280.31\n", encoding="utf-8")
    return path


def _rewrite(source: Path, target: Path, replace: dict[str, bytes], stored: bool = False) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = replace.get(info.filename, old.read(info.filename))
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            new.writestr(info.filename, data, compress_type=method)


def corrupt_zip(directory: Path) -> Path:
    """A workbook whose sheet part fails its CRC check (bytes flipped inside the archive)."""
    good = yueyang_project(directory)
    path = directory / "corrupt.xlsx"
    _rewrite(good, path, {}, stored=True)
    data = bytearray(path.read_bytes())
    marker = data.find(b"<sheetData>")
    data[marker + 20 : marker + 30] = b"XXXXXXXXXX"
    path.write_bytes(bytes(data))
    return path


_BOMB = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def xml_bomb(directory: Path) -> Path:
    """A workbook whose sheet XML is a billion-laughs entity bomb (about 3 GB if expanded)."""
    good = _book(directory / "plain.xlsx", lambda ws: _put(ws, "A1", "x"))
    path = directory / "bomb.xlsx"
    _rewrite(good, path, {"xl/worksheets/sheet1.xml": _BOMB})
    return path


def zip_bomb(directory: Path, size: int = 40 * 1024 * 1024) -> Path:
    """A workbook with an extra part of *size* zero bytes, deflated to a few kilobytes."""
    good = _book(directory / "plain.xlsx", lambda ws: _put(ws, "A1", "x"))
    path = directory / "zipbomb.xlsx"
    _rewrite(good, path, {})
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as stream,
    ):
        for _ in range(size >> 20):
            stream.write(chunk)
    return path
