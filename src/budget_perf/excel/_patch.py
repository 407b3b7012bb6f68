"""Patches: the parts of a report that the tables did not give back, keyed by where they go.

A patch names a record of the report by its JSON path, as the checker and the JSON errors write
it (``"$"``, ``"$.projects[1].funding.sources[0]"``, ``"$.department_table.indicators.groups[0]
.groups[1].indicators[2]"``), and sets some of that record's fields, each to its value in the
library's JSON (Decimals as strings, enums as their Chinese values, records as objects):

>>> got = {"name": "x", "unit": None, "rows": [{"a": "1", "b": ""}, {"a": "2", "b": ""}]}
>>> want = {"name": "x", "unit": "元", "rows": [{"a": "1", "b": ""}, {"a": "2", "b": "≧"}]}
>>> patches = diff(got, want)
>>> patches
[{'at': '$.rows[1]', 'set': {'b': '≧'}}, {'at': '$', 'set': {'unit': '元'}}]
>>> apply(got, patches) == want
True

:func:`diff` finds the smallest such patches between two reports' data (deeper records first; a
list whose length differs is set whole), and :func:`apply` puts them back into plain data, which
is then decoded once, checked like any JSON report.  A patch that names a part the data does not
have is refused with :class:`PatchError`.
"""

from __future__ import annotations

import re
from typing import Any

from budget_perf._safety import shorten

__all__ = ["PatchError", "apply", "diff"]

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]{1,9})\])?")


class PatchError(ValueError):
    """A patch that does not fit the report the tables gave, in English and Chinese."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


def diff(got: Any, want: Any, at: str = "$") -> list[dict[str, Any]]:
    """The patches that turn the record data *got* into *want* (two dicts of one record type)."""
    patches: list[dict[str, Any]] = []
    changes: dict[str, Any] = {}
    for key, wanted in want.items():
        had = got.get(key)
        if had == wanted:
            continue
        if isinstance(had, dict) and isinstance(wanted, dict) and had.keys() == wanted.keys():
            patches.extend(diff(had, wanted, f"{at}.{key}"))
        elif (
            isinstance(had, list)
            and isinstance(wanted, list)
            and len(had) == len(wanted)
            and all(
                isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                for a, b in zip(had, wanted, strict=True)
            )
        ):
            for index, (a, b) in enumerate(zip(had, wanted, strict=True)):
                if a != b:
                    patches.extend(diff(a, b, f"{at}.{key}[{index}]"))
        else:
            changes[key] = wanted
    if changes:
        patches.append({"at": at, "set": changes})
    return patches


def apply(data: Any, patches: list[Any]) -> Any:
    """*data* (a report's plain data) with each of *patches* applied in turn, in place.

    Raises:
        PatchError: a patch is not ``{"at": path, "set": {field: value, …}}``, its path names
            a part the data does not have, or it sets a field the record there does not have.
    """
    for number, patch in enumerate(patches, start=1):
        if not isinstance(patch, dict) or set(patch) != {"at", "set"}:
            raise PatchError(
                f"patch {number} is not an object with the keys 'at' and 'set'",
                f"第{number}个补丁不是含“at”和“set”两个键的对象",
            )
        at, changes = patch["at"], patch["set"]
        if not isinstance(changes, dict):
            raise PatchError(
                f"patch {number}: 'set' is not an object", f"第{number}个补丁的“set”不是对象"
            )
        target = _find(data, at, number)
        for key, value in changes.items():
            if key not in target or key == "schema":
                raise PatchError(
                    f"patch {number} sets {shorten(key, 40)!r}, which the part at "
                    f"{shorten(at, 120)} does not have",
                    f"第{number}个补丁设置的“{shorten(key, 40)}”在{shorten(at, 120)}处不存在",
                )
            target[key] = value
    return data


def _find(data: Any, at: object, number: int) -> dict[str, Any]:
    """The record data at the path *at*."""
    if not isinstance(at, str) or not at.startswith("$"):
        raise PatchError(
            f"patch {number}: 'at' is not a path such as '$.projects[0]'",
            f"第{number}个补丁的“at”不是“$.projects[0]”这样的路径",
        )
    node, position, walked = data, 1, "$"
    while position < len(at):
        step = _STEP.match(at, position)
        if step is None:
            raise PatchError(
                f"patch {number}: {shorten(at, 120)!r} is not a path such as '$.projects[0]'",
                f"第{number}个补丁的路径{shorten(at, 120)!r}不是“$.projects[0]”这样的路径",
            )
        position = step.end()
        key, index = step.group(1), step.group(2)
        node = node.get(key) if isinstance(node, dict) else None
        walked += f".{key}"
        if index is not None:
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
            walked += f"[{index}]"
        if not isinstance(node, dict):
            raise PatchError(
                f"patch {number} names {shorten(walked, 120)}, which the tables do not have",
                f"第{number}个补丁指向的{shorten(walked, 120)}在表格中不存在",
            )
    if not isinstance(node, dict):
        raise PatchError(
            f"patch {number}: the report is not an object", f"第{number}个补丁：报告不是对象"
        )
    return node
