"""Bundled example reports, shipped as package data.

``yueyang-npc-2022`` is the 2022 self-evaluation report of 岳阳市人大常委会 (the Standing
Committee of the Yueyang Municipal People's Congress), transcribed completely and as stated,
including the figures in it that disagree with each other.

>>> names()
('yueyang-npc-2022',)
>>> load("nowhere-2099")
Traceback (most recent call last):
...
budget_perf.errors.UnknownExample: no bundled example 'nowhere-2099'; available: yueyang-npc-2022
"""

from functools import cache
from importlib import resources

from budget_perf.errors import UnknownExample
from budget_perf.model.evaluation import SelfEvaluation
from budget_perf.serialization import from_json

__all__ = ["load", "names"]


def names() -> tuple[str, ...]:
    """The names of the bundled example reports, sorted.

    >>> "yueyang-npc-2022" in names()
    True
    """
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name.removesuffix(".json") for f in files if f.name.endswith(".json")))


@cache
def load(name: str) -> SelfEvaluation:
    """Return the bundled example report called *name*.

    Raises:
        UnknownExample: if no bundled example has that name.
    """
    if name not in names():
        raise UnknownExample(f"no bundled example {name!r}; available: {', '.join(names())}")
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return from_json(text, SelfEvaluation)
