"""Whatever an editor does to a plan file, loading it gives a plan or a PlanError, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.display import shown
from model.plans import PLANS_DIR, Plan, PlanError, parse_plan

SOURCE = (PLANS_DIR / "hazardous_chemical_leak.yaml").read_text(encoding="utf-8")
LINES = SOURCE.splitlines(keepends=True)
FRAGMENTS = st.sampled_from([
    "", " ", "  ", "-", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "~",
    "\t", "#", "'", "\"", "2026-13-45", "-5", "1e400", "? ", "id: x\n", "depends_on: [id]\n", "\n", "III", "｜",
])


@st.composite
def edited(draw: st.DrawFn) -> str:
    """The plan with a few random line deletions, duplications, swaps and insertions of YAML-ish text."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            column = draw(st.integers(0, len(lines[index])))
            fragment = draw(st.one_of(FRAGMENTS, st.text(max_size=6)))
            cut = column + (1 if action == "replace" else 0)
            lines[index] = lines[index][:column] + fragment + lines[index][cut:]
    return "".join(lines)


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_random_edits_load_or_raise_plan_error(text: str) -> None:
    try:
        plan = parse_plan(text, "edited.yaml")
    except PlanError as error:
        assert error.source == "edited.yaml" and error.line >= 1 and error.column >= 1
        assert str(error).startswith(shown(f"edited.yaml:{error.line}:{error.column}: {error.field}: ")), \
            "the message names file, line, column and field, shown under the display rule"
    else:
        assert isinstance(plan, Plan) and plan.text == text


def test_the_unedited_plan_loads() -> None:
    assert parse_plan(SOURCE, str(Path("x.yaml"))).id == "hazardous_chemical_leak"
