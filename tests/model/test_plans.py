"""The loader: shipped plans load, and each kind of mistake is reported at its file, line and field."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from model.config import load_config
from model.demo import DATA_DIR
from model.errors import DomainError
from model.plans import (
    PLANS_DIR,
    PlanError,
    check_paths,
    check_text,
    content_hash,
    load_plan,
    load_plans,
    parse_plan,
    plan_for_type,
    plan_json_schema,
)

BAD = Path(__file__).resolve().parent.parent / "data" / "plans"


def test_shipped_plans_load_and_cover_every_configured_incident_type() -> None:
    plans = load_plans()
    assert len(plans) >= 8
    assert check_paths([PLANS_DIR]) == []
    covered = {incident_type for plan in plans for incident_type in plan.incident_types}
    assert covered == {entry.code for entry in load_config().incident_types}
    assert all(plan.title_zh and plan.title_en and plan.closing.checklist for plan in plans)


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_roster_can_serve_every_shipped_plan_at_its_highest_level() -> None:
    resources = Counter(row["type"] for row in _csv("resources.csv"))
    kinds = {row["kind"] for row in _csv("units.csv")} | {"center"}
    fields = {row["field"] for row in _csv("experts.csv")}
    items = {row["item"] for row in _csv("materials.csv")}
    for plan in load_plans():
        top = plan.level_order()[-1]
        needed: Counter[str] = Counter()
        for planned in plan.steps_for(top):
            needed.update(planned.step.dispatch)
            assert planned.step.responsible in kinds, (plan.id, planned.step.id)
            assert set(planned.step.experts) <= fields, (plan.id, planned.step.id)
        short = {kind: count for kind, count in needed.items() if resources[kind] < count}
        assert short == {}, plan.id
        assert {material.item for material in plan.materials} <= items, plan.id


def test_a_higher_level_includes_the_steps_below_it_in_plan_order() -> None:
    plan = load_plan(PLANS_DIR / "hazardous_chemical_leak.yaml")
    four = [item.step.id for item in plan.steps_for("IV")]
    three = [item.step.id for item in plan.steps_for("III")]
    two = plan.steps_for("II")
    assert three[:len(four)] == four and len(three) > len(four)
    assert [item.step.id for item in two][:len(three)] == three
    assert [item.position for item in two] == list(range(1, len(two) + 1))
    assert {item.level for item in two} == {"IV", "III", "II"}


@pytest.mark.parametrize(("name", "message"), [
    ("syntax_error.yaml",
     "17:20: (plan): YAML syntax: expected ',' or ']', but got ':' (while parsing a flow sequence at line 16)"),
    ("unknown_field.yaml",
     "19:9: levels.IV.steps[1].deadline: unknown field (not part of the plan format; see plans/README.md)"),
    ("duplicate_step_id.yaml", "15:13: levels.IV.steps[1].id: duplicate step id 'first' (first at line 11)"),
    ("unknown_dependency.yaml",
     "19:22: levels.IV.steps[1].depends_on[0]: step 'second' depends on unknown step 'frist'"),
    ("cyclic_dependency.yaml", "15:21: levels.IV.steps[0].depends_on: dependency cycle: first → second → first"),
    ("unknown_unit_kind.yaml",
     "17:22: levels.IV.steps[1].responsible: unknown unit kind 'firemen'; known: center, police, fire, health, "
     "transport, communications, power, water, safety, environment, city_management, construction, education, "
     "culture_sports, civil_affairs, red_cross, volunteers, media, enterprise"),
    ("unknown_resource_type.yaml",
     "20:34: levels.IV.steps[1].dispatch.water_cannon: unknown resource type 'water_cannon'; known: fire_engine, "
     "ladder_truck, ambulance, patrol_car, traffic_police, rescue_team, hazmat_team, medical_team, pump_truck, "
     "excavator, crane, boat, power_repair, water_repair, comms_vehicle, monitoring_vehicle, bus, tow_truck, "
     "inspection_team, volunteer_team, relief_team, press_team"),
    ("negative_deadline.yaml",
     "18:27: levels.IV.steps[1].deadline_minutes: a deadline counts minutes from activation and cannot be "
     "negative (-10)"),
])
def test_each_kind_of_mistake_names_file_line_column_and_field(name: str, message: str) -> None:
    path = BAD / name
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    assert str(raised.value) == f"{path}:{message}"
    assert [str(error) for error in check_paths([path])] == [f"{path}:{message}"]


def test_check_paths_reports_every_error_of_every_file() -> None:
    errors = check_paths([BAD])
    assert {Path(error.source).name for error in errors} == {path.name for path in BAD.glob("*.yaml")} - {"valid.yaml"}
    assert check_paths([BAD / "valid.yaml"]) == []
    text = (BAD / "valid.yaml").read_text(encoding="utf-8")
    twice = text.replace("responsible: fire", "responsible: firemen").replace("[first]", "[frist]")
    _plan, both = check_text(twice, "twice.yaml")
    assert [(error.line, error.field) for error in both] == [
        (17, "levels.IV.steps[1].responsible"), (19, "levels.IV.steps[1].depends_on[0]")]


def test_a_step_cannot_depend_on_a_step_of_a_higher_level() -> None:
    text = (BAD / "valid.yaml").read_text(encoding="utf-8").replace("closing:", (
        "  III:\n    criteria: 较大\n    steps:\n      - id: later\n        text: 后续\n"
        "        responsible: center\nclosing:")).replace("[first]", "[later]")
    with pytest.raises(PlanError, match="step 'second' depends on step 'later' of level III, "
                                        "which level IV does not include"):
        parse_plan(text, "t.yaml")


def test_two_files_with_one_plan_id_are_an_error(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((BAD / "valid.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    [error] = check_paths([tmp_path])
    assert str(error) == f"{tmp_path / 'b.yaml'}:1:5: id: plan id 'mini' is also used by {tmp_path / 'a.yaml'}"


def test_empty_duplicate_keys_and_non_mapping_files_are_plan_errors() -> None:
    with pytest.raises(PlanError, match=r"e.yaml:1:1: \(plan\): the file is empty"):
        parse_plan("", "e.yaml")
    with pytest.raises(PlanError, match=r"d.yaml:2:1: id: duplicate key \(first at line 1\)"):
        parse_plan("id: a\nid: b\n", "d.yaml")
    with pytest.raises(PlanError, match=r"l.yaml:1:1: \(plan\): a plan must be a mapping"):
        parse_plan("- a\n- b\n", "l.yaml")


def test_plan_for_type_falls_back_to_the_general_linkage_plan() -> None:
    plans = load_plans()
    assert plan_for_type(plans, "fire").id == "fire"
    general = [plan for plan in plans if plan.id == "general"]
    assert plan_for_type(general + [p for p in plans if p.id == "fire"], "earthquake").id == "general"
    with pytest.raises(DomainError, match="no plan covers incident type earthquake"):
        plan_for_type([p for p in plans if p.id == "fire"], "earthquake")


def test_schema_forbids_unknown_keys_and_content_hash_follows_the_text() -> None:
    schema = plan_json_schema()
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Step"]["additionalProperties"] is False
    assert {"id", "version", "levels", "closing"} <= set(schema["required"])
    text = (BAD / "valid.yaml").read_text(encoding="utf-8")
    assert load_plan(BAD / "valid.yaml").content_hash == content_hash(text) != content_hash(text + "\n")


def test_the_worked_example_in_the_plans_readme_is_a_valid_plan() -> None:
    readme = (PLANS_DIR / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    plan = parse_plan(example, "README.md")
    assert [item.step.id for item in plan.steps_for("III")] == [
        "verify_leak", "send_fire", "start_level_iii", "follow_up_report"]
