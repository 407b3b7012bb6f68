"""部门（单位）: the department being evaluated, its functions, organisation and staffing.

The report's first section (部门（单位）基本情况) states what the department is for (职能职责),
how it is organised (机构设置: working bodies, committees, internal sections, affiliated
institutions) and its authorised headcount (编制) by kind.  These records hold it as stated.

>>> quota = HeadcountQuota(kind=PostKind.ADMINISTRATIVE, holder="市人大机关", count=66)
>>> Staffing(quotas=(quota,)).quotas[0].count
66
"""

import enum

import attrs

from budget_perf.model._fields import choice, count, optional, records, required_text, text

__all__ = [
    "Body",
    "BodyKind",
    "Department",
    "HeadcountQuota",
    "Organisation",
    "PostKind",
    "Staffing",
]


class BodyKind(enum.Enum):
    """The kind of an organisational body (机构)."""

    WORKING_BODY = "办事（工作）机构"
    SPECIAL_COMMITTEE = "专门委员会"
    INTERNAL_BODY = "内设机构"
    AFFILIATED_INSTITUTION = "下属事业单位"
    OTHER = "其他"


class PostKind(enum.Enum):
    """The kind of an authorised post (编制类型)."""

    ADMINISTRATIVE = "行政编制"
    PUBLIC_INSTITUTION = "事业编制"
    SUPPORT_STAFF = "工勤编制"
    OTHER = "其他"


@attrs.frozen(kw_only=True)
class Body:
    """One organisational body and the sections (科室) inside it, as the report lists them."""

    name: str = required_text()
    kind: BodyKind = choice(BodyKind)
    sections: tuple[str, ...] = records(str)
    note: str = text()


@attrs.frozen(kw_only=True)
class Organisation:
    """机构设置: the bodies of a department, the documents that approved them, and remarks."""

    bodies: tuple[Body, ...] = records(Body)
    basis: tuple[str, ...] = records(str)
    notes: tuple[str, ...] = records(str)


@attrs.frozen(kw_only=True)
class HeadcountQuota:
    """One authorised headcount (核定编制): its kind, who holds it, and the number of posts.

    ``count`` is ``None`` where the report gives no number (e.g. "单列，按实际情况核定").
    """

    kind: PostKind = choice(PostKind)
    holder: str = text()
    count: int | None = count()
    note: str = text()


@attrs.frozen(kw_only=True)
class Staffing:
    """Authorised headcount by kind (编制) and the staff in post, as the narrative states them."""

    quotas: tuple[HeadcountQuota, ...] = records(HeadcountQuota)
    in_post: int | None = count()
    note: str = text()


@attrs.frozen(kw_only=True)
class Department:
    """部门（单位）: the budget unit whose year is evaluated."""

    name: str = required_text()
    functions: str = text()
    organisation: Organisation | None = optional(Organisation)
    staffing: Staffing | None = optional(Staffing)
