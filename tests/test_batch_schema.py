"""The JSON Schema of the report format: what another system must produce for budget_perf.

``budget-perf schema`` prints it; it is generated from the model, so every report the library
writes is valid under it, and the things the reader refuses (a float amount, an unknown key,
a missing unit name) are invalid under it too.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import budget_perf as bp
from budget_perf._jsonschema import report_schema
from budget_perf.strategies import self_evaluations

SCHEMA = report_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bp.to_json(bp.examples.load("yueyang-npc-2022")))
    return data


def test_the_schema_is_a_valid_draft_2020_12_schema_naming_the_report_version() -> None:
    """The schema itself is well formed, and pins the document's version."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["schema"] == {"const": "budget_perf.report/2"}
    assert SCHEMA["required"] == ["department"]


def test_the_bundled_report_is_valid() -> None:
    """The bundled example, as to_json writes it, passes the schema."""
    VALIDATOR.validate(_seed())


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(self_evaluations())
def test_every_report_the_library_writes_is_valid(report: bp.SelfEvaluation) -> None:
    """Generated reports of every shape, as to_json writes them, pass the schema."""
    VALIDATOR.validate(json.loads(bp.to_json(report)))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["projects"][0]["funding"]["total"].update(executed=1.5), "executed"),
        (lambda d: d["projects"][0]["funding"]["total"].update(executed="1,5"), "executed"),
        (lambda d: d["department"].update(nickname="x"), "nickname"),
        (lambda d: d["department"].pop("name"), "name"),
        (lambda d: d.update(amount_unit="千元"), "千元"),
        (lambda d: d.update(schema="budget_perf.report/9"), "budget_perf.report/2"),
    ],
    ids=["float", "separator", "unknown-key", "no-unit-name", "unknown-unit", "newer-schema"],
)
def test_what_the_reader_refuses_the_schema_refuses(change: Any, where: str) -> None:
    """A float amount, a thousands separator, an unknown key, a missing required field, a unit
    outside the enum and a newer schema are invalid, as from_json refuses them."""
    document = _seed()
    change(document)
    errors = list(VALIDATOR.iter_errors(document))
    assert errors, "the schema let the change through"
    assert any(where in error.message or where in error.json_path for error in errors)
    with pytest.raises(bp.InvalidDocument):
        bp.from_data(document, bp.SelfEvaluation)
