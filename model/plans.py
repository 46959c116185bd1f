"""The plan format (预案) and its loader: YAML in, a validated `Plan` out, or errors that point home.

A plan is data the center edits, so a mistake in it must be reported where the author can fix it:
every error names the file, the line and column, and the field path. The loader keeps the line
numbers by walking the composed YAML nodes, then validates with pydantic (unknown keys
forbidden) and checks what pydantic cannot: unique step ids, dependencies that exist and do not
loop, and unit kinds, resource types, levels and colours that the configuration knows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PositiveInt, PrivateAttr, ValidationError, field_validator

from model.config import PLANS_DIR, Config, load_config
from model.errors import DomainError, LinkdeskError
from model.text import _

GENERAL_TYPE = "general"
"""The incident type of the general linkage plan, used when no special plan covers a type."""

STEP_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Lower case and underscores only, so generated ids such as `closing-1` can never clash."""

FieldPath = tuple[str | int, ...]


class PlanError(LinkdeskError):
    """What is wrong in a plan file and exactly where: file, line, column and field path."""

    def __init__(self, source: str, line: int, column: int, field: str, problem: str) -> None:
        self.source, self.line, self.column, self.field, self.problem = source, line, column, field, problem
        super().__init__(f"{source}:{line}:{column}: {field}: {problem}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ReadFromText(_Strict):
    """A document validated from YAML text that keeps the text and where it came from.

    The text is stored with what the document starts (a plan's activation, a drill's start), so
    later edits of the file change nothing recorded; the hash proves which text was used.
    """

    _text: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    @property
    def text(self) -> str:
        """The YAML text the document was read from."""
        return self._text

    @property
    def source(self) -> str:
        return self._source

    @property
    def content_hash(self) -> str:
        return content_hash(self._text)

    def _read_from(self, text: str, source: str) -> None:
        """Keep the text this document was validated from, and its file or other source."""
        self._text, self._source = text, source


class Step(_Strict):
    """One checklist item: what to do, who does it, by when, and what it sets in motion."""

    id: str = Field(pattern=STEP_ID_PATTERN, description="Unique in the plan: lower case, digits, _.")
    text: str = Field(min_length=1, description="What to do, as the officer reads it (中文).")
    text_en: str | None = Field(default=None, min_length=1,
                                description="The same in English, shown when the desk speaks English.")
    responsible: str = Field(description="Unit kind code from the configuration, or `center`.")
    deadline_minutes: int | None = Field(
        default=None, json_schema_extra={"minimum": 0},
        description="Due this many minutes after the level was activated.")
    every_minutes: PositiveInt | None = Field(
        default=None, description="Recurring: due again this many minutes after each completion.")
    approval_by: str | None = Field(
        default=None, min_length=1, description="The authority whose approval the step waits for.")
    depends_on: list[str] = Field(default_factory=list, description="Steps that must be done first.")
    notify: list[str] = Field(default_factory=list, description="Unit kinds to notify.")
    dispatch: dict[str, PositiveInt] = Field(default_factory=dict, description="Resource type: count.")
    experts: list[str] = Field(default_factory=list, description="Expert fields to call.")
    command_post: bool = Field(default=False, description="The step opens the on-site command post.")
    report: Literal["initial", "follow_up", "final"] | None = Field(
        default=None, description="The step reports upward: initial 首报, follow_up 续报, final 终报.")
    warning: str | None = Field(default=None, description="The step issues a warning of this colour.")

    @field_validator("deadline_minutes")
    @classmethod
    def not_negative(cls, value: int | None) -> int | None:
        if value is not None and value < 0:
            raise ValueError(_("a deadline counts minutes from activation and cannot be negative ({value})")
                             .format(value=value))
        return value

    def effects(self) -> dict[str, Any]:
        """What the step sets in motion, without the empty parts; stored with the step's state."""
        candidates: dict[str, Any] = {
            "notify": self.notify, "dispatch": self.dispatch, "experts": self.experts,
            "command_post": self.command_post, "report": self.report, "warning": self.warning,
        }
        return {name: value for name, value in candidates.items() if value}


class Level(_Strict):
    """The criteria of one level and the steps it adds to the levels below it."""

    criteria: str = Field(min_length=1, description="When this level applies (deaths, injured, loss…).")
    steps: list[Step] = Field(min_length=1)
    units: dict[int, dict[str, PositiveInt]] = Field(
        default_factory=dict, description="Recommended units per tier: {tier: {unit kind: count}}.")


class Material(_Strict):
    item: str = Field(min_length=1, description="As named in the material stocks (data/materials.csv).")
    quantity: float | None = Field(default=None, gt=0)
    measure: str = Field(default="", description="套, 台, 公斤 …")


class Closing(_Strict):
    """What must be true before the emergency is declared over, and who approves the end."""

    checklist: list[str] = Field(min_length=1)
    approval_by: str = Field(min_length=1)


class Plan(_ReadFromText):
    """A special plan (专项预案) or the general linkage plan, as validated from its YAML file."""

    id: str = Field(pattern=STEP_ID_PATTERN)
    version: str = Field(min_length=1, description="Quote it in YAML (\"2026.1\") so it stays text.")
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    category: str = Field(description="Category code from the configuration.")
    incident_types: list[str] = Field(min_length=1, description="Incident type codes this plan covers.")
    levels: dict[str, Level] = Field(min_length=1, description="Keyed by level code (IV, III, II, I).")
    materials: list[Material] = Field(default_factory=list)
    closing: Closing

    def level_order(self) -> list[str]:
        """The plan's level codes from the least to the most severe, as the configuration ranks them."""
        ranks = {level.code: level.rank for level in load_config().levels}
        return sorted(self.levels, key=lambda code: -ranks.get(code, 0))

    def ordered_steps(self) -> list[PlannedStep]:
        """Every step with its level and its place in the full checklist (lower levels first)."""
        planned: list[PlannedStep] = []
        for code in self.level_order():
            for step in self.levels[code].steps:
                planned.append(PlannedStep(level=code, position=len(planned) + 1, step=step))
        return planned

    def steps_for(self, level: str) -> list[PlannedStep]:
        """The checklist at `level`: its own steps and those of every level below it."""
        config = load_config()
        rank = config.level(level).rank
        return [item for item in self.ordered_steps() if config.level(item.level).rank >= rank]


@dataclass(frozen=True)
class PlannedStep:
    level: str
    position: int
    step: Step


def content_hash(text: str) -> str:
    """SHA-256 of the plan text: the activation records it to prove which text was used."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_json_schema() -> dict[str, Any]:
    """JSON Schema of the plan format, for editors that check YAML as it is typed."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


@dataclass
class _Document:
    """The parsed data and where each field path starts in the text (1-based line and column)."""

    source: str
    data: Any
    marks: dict[tuple[str, ...], tuple[int, int]]
    errors: list[PlanError]
    key_marks: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)

    def error(self, path: FieldPath, problem: str, *, at_key: bool = False) -> PlanError:
        """An error at the value of `path` (or at its key), else at the nearest enclosing field."""
        keys = tuple(str(part) for part in path)
        if at_key and keys in self.key_marks:
            line, column = self.key_marks[keys]
            return PlanError(self.source, line, column, display_path(path), problem)
        while keys not in self.marks and keys:
            keys = keys[:-1]
        line, column = self.marks.get(keys, (1, 1))
        return PlanError(self.source, line, column, display_path(path), problem)


def display_path(path: FieldPath) -> str:
    """`levels.IV.steps[2].deadline_minutes`; the document itself is `(plan)`."""
    shown = ""
    for part in path:
        index = isinstance(part, int) or (part.isdigit() and bool(shown))
        shown += f"[{part}]" if index else (f".{part}" if shown else str(part))
    return shown or "(plan)"


def _walk(node: yaml.Node, path: tuple[str, ...], document: _Document, seen: set[int]) -> None:
    document.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if id(node) in seen:
        return
    seen = seen | {id(node)}
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = str(key_node.value)
            if key in keys:
                document.errors.append(PlanError(
                    document.source, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                    display_path((*path, key)), _("duplicate key (first at line {line})").format(line=keys[key])))
                continue
            keys[key] = key_node.start_mark.line + 1
            document.key_marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, (*path, key), document, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, str(index)), document, seen)


def _compose_fast(text: str, source: str) -> _Document | None:
    """The document through libyaml (several times faster than the pure-Python parser), or None
    when libyaml is missing or finds anything wrong: the pure-Python parser then words the error,
    so the messages and their line and column stay the same with or without libyaml."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    document = _Document(source, None, {}, [])
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(node, (), document, set())
        document.data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()
    return document


def _parse(text: str, source: str) -> _Document:
    """Compose the YAML once, keeping marks, and construct the plain data from the same nodes."""
    fast = _compose_fast(text, source)
    if fast is not None:
        return fast
    document = _Document(source, None, {}, [])
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        document.errors.append(PlanError(source, line, column, "(plan)", _(
            "character {code:#06x} is not allowed in YAML").format(code=error.character)))
        return document
    try:
        node = loader.get_single_node()
        if node is None:
            document.errors.append(PlanError(source, 1, 1, "(plan)", _("the file is empty")))
            return document
        _walk(node, (), document, set())
        document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context)
        if error.context and error.problem and error.context_mark:
            problem += _(" ({context} at line {line})").format(context=error.context,
                                                              line=error.context_mark.line + 1)
        document.errors.append(PlanError(source, line, column, "(plan)", _("YAML syntax: {problem}").format(
            problem=problem)))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        document.errors.append(PlanError(source, 1, 1, "(plan)", _("YAML cannot be read: {problem}").format(
            problem=error)))
    finally:
        loader.dispose()
    return document


def _describe(problem: Any) -> str:
    if problem["type"] == "extra_forbidden":
        return _("unknown field (not part of the plan format; see plans/README.md)")
    if problem["type"] == "missing":
        return _("required field is missing")
    return str(problem["msg"]).removeprefix("Value error, ")


def _validate(document: _Document) -> Plan | None:
    if not isinstance(document.data, dict):
        document.errors.append(document.error((), _("a plan must be a mapping of fields (id, version, levels…)")))
        return None
    try:
        return Plan.model_validate(document.data)
    except ValidationError as error:
        for problem in error.errors():
            path = tuple(part for part in problem["loc"] if part != "[key]")
            document.errors.append(document.error(path, _describe(problem),
                                                  at_key=problem["type"] == "extra_forbidden"))
        return None
    except RecursionError:
        document.errors.append(document.error((), _("the plan refers to itself (a recursive YAML anchor)")))
        return None


def _known(document: _Document, path: FieldPath, code: str, codes: Sequence[str], what: str) -> None:
    if code not in codes:
        document.errors.append(document.error(path, _("unknown {what} {code!r}; known: {known}").format(
            what=what, code=code, known=", ".join(codes))))


def _check_codes(plan: Plan, document: _Document, config: Config) -> None:
    """Every code the plan names must be one the configuration knows."""
    kinds = [kind.code for kind in config.unit_kinds]
    types = [entry.code for entry in config.resource_types]
    colours = [entry.code for entry in config.warning_colours]
    tiers = [str(tier.tier) for tier in config.tiers]
    _known(document, ("category",), plan.category, [entry.code for entry in config.categories], _("category"))
    for index, incident_type in enumerate(plan.incident_types):
        _known(document, ("incident_types", index), incident_type,
               [entry.code for entry in config.incident_types], _("incident type"))
    for code, level in plan.levels.items():
        _known(document, ("levels", code), code, [entry.code for entry in config.levels], _("level"))
        for index, step in enumerate(level.steps):
            at: FieldPath = ("levels", code, "steps", index)
            _known(document, (*at, "responsible"), step.responsible, kinds, _("unit kind"))
            for position, kind in enumerate(step.notify):
                _known(document, (*at, "notify", position), kind, kinds, _("unit kind"))
            for resource_type in step.dispatch:
                _known(document, (*at, "dispatch", resource_type), resource_type, types, _("resource type"))
            if step.warning is not None:
                _known(document, (*at, "warning"), step.warning, colours, _("warning colour"))
        for tier, counts in level.units.items():
            _known(document, ("levels", code, "units", tier), str(tier), tiers, _("tier"))
            for kind in counts:
                _known(document, ("levels", code, "units", tier, kind), kind, kinds, _("unit kind"))


def _check_steps(plan: Plan, document: _Document, config: Config) -> None:
    """Step ids are unique; a step depends only on known steps its level includes, without loops."""
    first_line: dict[str, int] = {}
    where: dict[str, FieldPath] = {}
    step_level: dict[str, str] = {}
    for code, level in plan.levels.items():
        for index, step in enumerate(level.steps):
            path: FieldPath = ("levels", code, "steps", index, "id")
            if step.id in first_line:
                document.errors.append(document.error(path, _("duplicate step id {id!r} (first at line {line})")
                                                      .format(id=step.id, line=first_line[step.id])))
                continue
            first_line[step.id] = document.error(path, "").line
            where[step.id], step_level[step.id] = ("levels", code, "steps", index), code
    ranks = {entry.code: entry.rank for entry in config.levels}
    graph: dict[str, list[str]] = {}
    for code, level in plan.levels.items():
        for index, step in enumerate(level.steps):
            if where[step.id] != ("levels", code, "steps", index):
                continue
            graph[step.id] = []
            for position, needed in enumerate(step.depends_on):
                path = ("levels", code, "steps", index, "depends_on", position)
                if needed not in step_level:
                    document.errors.append(document.error(path, _("step {id!r} depends on unknown step {needed!r}")
                                                          .format(id=step.id, needed=needed)))
                elif ranks.get(step_level[needed], 0) < ranks.get(code, 0):
                    document.errors.append(document.error(path, _(
                        "step {id!r} depends on step {needed!r} of level {other}, which level {level} does not include")
                        .format(id=step.id, needed=needed, other=step_level[needed], level=code)))
                else:
                    graph[step.id].append(needed)
    for cycle in _cycles(graph):
        document.errors.append(document.error((*where[cycle[0]], "depends_on"), _("dependency cycle: {cycle}")
                                              .format(cycle=" → ".join(cycle))))


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each dependency loop once, starting from the step met first in the plan."""
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for needed in graph.get(node, []):
            if state.get(needed) == 1:
                found.append([*trail[trail.index(needed):], needed])
            elif needed not in state:
                visit(needed, [*trail, needed])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    return found


def _check(text: str, source: str) -> tuple[Plan | None, list[PlanError], dict[tuple[str, ...], tuple[int, int]]]:
    """The plan if valid, its errors in line order, and the marks of its fields (for errors found later)."""
    document = _parse(text, source)
    plan = _validate(document) if not document.errors else None
    if plan is not None:
        config = load_config()
        _check_codes(plan, document, config)
        _check_steps(plan, document, config)
    errors = sorted(document.errors, key=lambda error: (error.line, error.column))
    if plan is None or errors:
        return None, errors, document.marks
    plan._read_from(text, source)
    return plan, [], document.marks


def check_text(text: str, source: str) -> tuple[Plan | None, list[PlanError]]:
    """The plan in `text` if it is valid, and every error found in it, in line order."""
    plan, errors, _marks = _check(text, source)
    return plan, errors


def parse_plan(text: str, source: str) -> Plan:
    """The plan in `text`, or the first error in it."""
    plan, errors = check_text(text, source)
    if errors:
        raise errors[0]
    assert plan is not None
    return plan


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(str(path), 1, 1, "(plan)", _("cannot read the file: {problem}").format(
            problem=getattr(error, "strerror", None) or error)) from error


def load_plan(path: Path | str) -> Plan:
    """Read and check one plan file; raises the first PlanError it contains."""
    return parse_plan(_read(Path(path)), str(path))


def plan_files(paths: Iterable[Path | str]) -> list[Path]:
    """The YAML files named, folders expanded to the *.yaml files in them, in name order, each once."""
    files: dict[Path, Path] = {}
    for item in map(Path, paths):
        for path in sorted(item.glob("*.yaml")) if item.is_dir() else [item]:
            files.setdefault(path.resolve(), path)
    return list(files.values())


def check_plans(paths: Iterable[Path | str]) -> tuple[list[Plan], list[PlanError]]:
    """The plans that check clean and every error of every file, each file read and parsed once;
    a file whose plan id another file already uses is an error, and its plan is left out."""
    plans: list[Plan] = []
    errors: list[PlanError] = []
    owners: dict[str, str] = {}
    for path in plan_files(paths):
        try:
            text = _read(path)
        except PlanError as error:
            errors.append(error)
            continue
        plan, found, marks = _check(text, str(path))
        errors.extend(found)
        if plan is None:
            continue
        if plan.id in owners:
            line, column = marks.get(("id",), (1, 1))
            errors.append(PlanError(str(path), line, column, "id", _("plan id {id!r} is also used by {other}")
                                    .format(id=plan.id, other=owners[plan.id])))
        else:
            owners[plan.id] = str(path)
            plans.append(plan)
    return plans, errors


def check_paths(paths: Iterable[Path | str]) -> list[PlanError]:
    """Every error of every plan file, including two files that use the same plan id."""
    return check_plans(paths)[1]


def load_plans(folder: Path | str = PLANS_DIR) -> list[Plan]:
    """Every plan in the folder; a broken file stops the load with its first error, never skipped."""
    plans, errors = check_plans([folder])
    if errors:
        raise errors[0]
    return plans


def plan_for_type(plans: Sequence[Plan], incident_type: str) -> Plan:
    """The special plan covering the incident type, else the general linkage plan."""
    for plan in plans:
        if incident_type in plan.incident_types:
            return plan
    for plan in plans:
        if GENERAL_TYPE in plan.incident_types:
            return plan
    raise DomainError(_("no plan covers incident type {type} and there is no general linkage plan")
                      .format(type=incident_type))
