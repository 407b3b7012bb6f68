"""行政区划: where a report comes from — province, city, county — as the report prints them.

Reports name their place in a header (部门：临沧市永德县明朗中学), a seal or a title, and
often only in part: a county office may print its county and nothing else.  The record keeps
what is printed, each level as text, ``""`` where the report does not say; nothing is looked
up or completed ("永德县" does not become "云南省临沧市永德县").  A place that is not known at all
is a report whose ``region`` is ``None``, and it prints as unknown, never as a guess.

Rule profiles name the region they apply to the same way (:mod:`budget_perf.profiles`);
:meth:`Region.within` says whether a report's region lies inside a profile's.

>>> yongde = Region(province="云南省", city="临沧市", county="永德县")
>>> str(yongde)
'云南省临沧市永德县'
>>> yongde.within(Region(province="云南"))
True
>>> yongde.within(Region(province="云南省", city="昆明市"))
False
>>> str(Region())
'unknown'
"""

import attrs

from budget_perf.model._fields import text

__all__ = ["Region"]

#: Suffixes a level's name is printed with or without ("湖南" / "湖南省").
_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "州", "盟", "旗",
)  # fmt: skip


def _same_place(printed: str, wanted: str) -> bool:
    """Whether two names of one level are the same place, with or without its suffix."""
    if printed == wanted:
        return True
    return _bare(printed) == _bare(wanted) != ""


def _bare(name: str) -> str:
    name = name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


@attrs.frozen(kw_only=True)
class Region:
    """省 / 市 / 县: the levels of the report's place that it prints; ``""`` where it does not."""

    province: str = text()
    city: str = text()
    county: str = text()

    def __str__(self) -> str:
        return "".join(self.levels()) or "unknown"

    def levels(self) -> tuple[str, ...]:
        """The printed levels, from province down, leaving out those not printed.

        >>> Region(county="衡山县").levels()
        ('衡山县',)
        """
        return tuple(level for level in (self.province, self.city, self.county) if level)

    def within(self, area: "Region") -> bool:
        """Whether this place lies in *area*: every level *area* names is printed here, the same.

        A level this region does not print cannot be matched: a report printing only
        "永德县" is not known to lie in 云南省.  An *area* naming no level contains every place.

        >>> Region(county="衡山县").within(Region(province="湖南省"))
        False
        >>> Region(province="湖南省", city="衡阳市").within(Region())
        True
        """
        pairs = ((self.province, area.province), (self.city, area.city), (self.county, area.county))
        return all(not wanted or _same_place(printed, wanted) for printed, wanted in pairs)
