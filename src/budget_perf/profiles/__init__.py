"""Rule profiles (评分规则): weights, grade bands and deduction rules as named, dated data.

Scoring rules differ between provinces and years, so budget_perf keeps them as data files, each
citing its source, rather than as constants in code.  Three profiles are bundled:

- ``national-2020`` (the default, :data:`NATIONAL_2020`): 《项目支出绩效评价管理办法》
  (财预〔2020〕10号) — 一级 weights 预算执行 10 / 产出 50 / 效益 30 / 满意度 10, 执行率得分
  = 10 × min(执行率, 1), grades 优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60);
- ``hunan-departmental``: the Hunan provincial template for the evaluation of a department's overall
  spending (部门整体支出绩效评价) — adds the tiered scoring of the departmental rates of the
  basic data table (rules.md §5): 在职人员控制率, 三公经费变动率, 预算完成率, 预算控制率,
  规模控制率 and 投资概算控制率;
- ``yueyang-departmental``: 《岳阳市市级预算部门绩效自评操作规程》 — Hunan's rules plus
  预算调整率 and 三公经费控制率.

A profile for another province is a JSON file in the same shape (see the bundled ones), read with
:func:`load_profile_file` or :func:`profile_from_json`; exact numbers are written as strings.
A regional profile names its place (``"region": {"province": "湖南省"}``) and the years it is in
force (``valid_from``, ``valid_to``); :func:`select_profile` picks, for a report's region and
year, the most specific profile made for the place and in force in the year — the national
profile where none is (a report that prints no year, or no place, gets the national one).

>>> from decimal import Decimal
>>> NATIONAL_2020.source.document_number
'财预〔2020〕10号'
>>> NATIONAL_2020.grade_for(Decimal("89.99")), NATIONAL_2020.grade_for(Decimal("90"))
(<Grade.GOOD: '良'>, <Grade.EXCELLENT: '优'>)
>>> hunan = load_profile("hunan-departmental")
>>> hunan.score_rate("budget_completion_rate", Decimal("0.928"))  # 92.8 % → 3 of 5
Decimal('3')
>>> profile_from_json('{"key": "x"}')
Traceback (most recent call last):
...
budget_perf.errors.InvalidProfile: missing key(s) execution, grade_bands, jurisdiction,
    level1_weights, source, title, valid_from, valid_to @ $
"""

import functools
from collections.abc import Iterable
from importlib import resources
from os import PathLike

from budget_perf.errors import InvalidProfile
from budget_perf.model.region import Region
from budget_perf.profiles._json import parse_profile
from budget_perf.profiles._profile import BUDGET_EXECUTION, RuleProfile
from budget_perf.profiles._rules import (
    BandRule,
    DeductionSide,
    ExecutionRule,
    GradeBand,
    LinearDeduction,
    RateBand,
    RateRule,
    Source,
)

__all__ = [
    "BUDGET_EXECUTION",
    "NATIONAL_2020",
    "BandRule",
    "DeductionSide",
    "ExecutionRule",
    "GradeBand",
    "LinearDeduction",
    "RateBand",
    "RateRule",
    "RuleProfile",
    "Source",
    "list_profiles",
    "load_profile",
    "load_profile_file",
    "profile_from_json",
    "select_profile",
]


def list_profiles() -> tuple[str, ...]:
    """The keys of the bundled profiles, sorted.

    >>> list_profiles()
    ('hunan-departmental', 'national-2020', 'yueyang-departmental')
    """
    return _bundled()


@functools.cache
def _bundled() -> tuple[str, ...]:
    """The bundled profiles' keys, listed once: the package's files do not change in a run."""
    names = (entry.name for entry in resources.files(__name__).iterdir())
    return tuple(sorted(name.removesuffix(".json") for name in names if name.endswith(".json")))


@functools.cache
def load_profile(key: str) -> RuleProfile:
    """The bundled profile named *key* (profiles are immutable, so each is read once).

    Raises:
        InvalidProfile: no bundled profile has that key, or the file names another key.

    >>> load_profile("yueyang-departmental").source.title
    '岳阳市市级预算部门绩效自评操作规程'
    """
    bundled = list_profiles()
    if key not in bundled:
        raise InvalidProfile(f"no bundled profile {key!r}; bundled: {', '.join(bundled)}")
    profile = parse_profile(resources.files(__name__).joinpath(f"{key}.json").read_text("utf-8"))
    if profile.key != key:
        raise InvalidProfile(f"{key}.json: declares key {profile.key!r}")
    return profile


def profile_from_json(text: str) -> RuleProfile:
    """Build a profile from JSON *text* (the shape of the bundled files).

    Raises:
        InvalidProfile: the text is not JSON or not a consistent profile; the message ends with
            the path of the problem.

    >>> text = resources.files(__name__).joinpath("national-2020.json").read_text("utf-8")
    >>> profile_from_json(text).key
    'national-2020'
    >>> profile_from_json(text.replace('"output": "50"', '"output": 50.0'))
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidProfile: expected a decimal string such as "0.5",
        got the JSON number 50.0 @ $.level1_weights.output
    >>> profile_from_json(text.replace('"output": "50"', '"output": "40"'))
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidProfile: level1_weights: must add up to 100,
        got budget_execution 10 + output 40 + benefit 30 + satisfaction 10 = 90 @ $
    """
    return parse_profile(text)


def load_profile_file(path: str | PathLike[str]) -> RuleProfile:
    """Read a profile from the JSON file at *path* (UTF-8), e.g. a province's own rules.

    >>> import tempfile, pathlib
    >>> from importlib import resources
    >>> bundled = resources.files("budget_perf.profiles") / "hunan-departmental.json"
    >>> text = bundled.read_text("utf-8")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my-province.json"
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> load_profile_file(path).key
    'hunan-departmental'

    Raises:
        InvalidProfile: as :func:`profile_from_json`, the message starting with the file name.
        OSError: the file cannot be read.
    """
    with open(path, "rb") as handle:
        text = handle.read()
    try:
        return parse_profile(text)
    except InvalidProfile as exc:
        raise InvalidProfile(f"{path}: {exc}", message_zh=f"{path}：{exc.message('zh')}") from None


#: The national rules of 财预〔2020〕10号, the default profile.
NATIONAL_2020 = load_profile("national-2020")


def select_profile(
    region: Region | None, year: int | None, *, among: Iterable[RuleProfile] | None = None
) -> RuleProfile:
    """The rule profile for a report from *region* in *year*, among the bundled ones (or *among*).

    The most specific profile made for the place (see :meth:`RuleProfile.applies_to_place`)
    and in force in the year wins: a city's over its province's, a province's over the national
    one; between two equally specific ones, the later ``valid_from``.  Where none is — the place
    or the year is not printed, or no profile covers them — the answer is
    :data:`NATIONAL_2020`.  Nothing is guessed: a report printing only "衡山县" is not known to
    lie in 湖南省.

    >>> select_profile(Region(province="湖南省", city="衡阳市", county="衡山县"), 2023).key
    'hunan-departmental'
    >>> select_profile(Region(province="湖南省", city="岳阳市"), 2022).key
    'yueyang-departmental'
    >>> select_profile(Region(province="湖南省"), 2017).key  # before the Hunan profile
    'national-2020'
    >>> select_profile(Region(province="贵州省"), 2021).key, select_profile(None, None).key
    ('national-2020', 'national-2020')
    """
    if year is None:
        return NATIONAL_2020
    profiles = among if among is not None else (load_profile(key) for key in list_profiles())
    best: tuple[int, int, str] | None = None
    chosen = NATIONAL_2020
    for profile in profiles:
        if not (profile.applies_to(year) and profile.applies_to_place(region)):
            continue
        rank = (
            0 if profile.region is None else len(profile.region.levels()),
            profile.valid_from,
            profile.key,
        )
        if best is None or rank > best:
            best, chosen = rank, profile
    return chosen
