"""The drill scenario format (演练脚本) and its checker: YAML in, a validated `Scenario` out, or
errors that point home (file:line:column: field: problem), read with the plans' line machinery.

A scenario is a timeline of injects (what reaches the desk, at minutes from the drill's start)
and the actions expected of the desk, each with a deadline counted from the start or from an
inject. An inject that concerns an incident names the report inject that raised it (`incident`),
so a scenario never refers to an incident number it cannot know in advance.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, NonNegativeInt, PositiveInt, ValidationError

from model.config import load_config
from model.plans import (
    STEP_ID_PATTERN,
    FieldPath,
    PlanError,
    _describe,
    _Document,
    _known,
    _parse,
    _ReadFromText,
    _Strict,
    load_plans,
    plan_files,
)
from model.text import _

DRILLS_DIR = Path(__file__).resolve().parent.parent / "drills"
ROOT = "(scenario)"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Inject(_Strict):
    key: str | None = Field(default=None, pattern=KEY_PATTERN,
                            description="A name other injects and expectations refer to.")
    at: NonNegativeInt = Field(description="Minutes from the drill's start.")


class ReportInject(_Inject):
    """A report arriving through a channel: a new (drill) incident, or a second caller to merge."""

    kind: Literal["report"]
    channel: str
    type: str
    address: str = Field(min_length=1)
    description: str = ""
    caller_name: str = ""
    caller_unit: str = ""
    caller_phone: str = ""
    people_affected: NonNegativeInt | None = None
    injured: NonNegativeInt | None = None
    deaths: NonNegativeInt | None = None
    trend: str = ""
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class FeedbackInject(_Inject):
    """A unit's feedback (反馈) on an incident, through its duty office."""

    kind: Literal["feedback"]
    incident: str = Field(pattern=KEY_PATTERN, description="Key of the report inject that raised the incident.")
    unit: str = Field(min_length=1, description="Unit code, as in the roster.")
    text: str = Field(min_length=1)


class CasualtiesInject(_Inject):
    """A caller with new casualties: a further report about the incident (the desk merges it)."""

    kind: Literal["casualties"]
    incident: str = Field(pattern=KEY_PATTERN)
    channel: str
    caller_name: str = ""
    caller_phone: str = ""
    injured: NonNegativeInt | None = None
    deaths: NonNegativeInt | None = None
    text: str = Field(min_length=1)


class EscalationInject(_Inject):
    """A request to escalate (提级), from the scene or from above; recorded as a note on the incident."""

    kind: Literal["escalation"]
    incident: str = Field(pattern=KEY_PATTERN)
    requested_by: str = Field(min_length=1)
    level: str = Field(description="The level asked for (a level code from the configuration).")
    text: str = Field(min_length=1)


class WarningInject(_Inject):
    """A warning from the weather office (气象台), relayed as a drill warning."""

    kind: Literal["warning"]
    colour: str
    type: str = Field(min_length=1)
    area: str = Field(min_length=1)
    text_zh: str = Field(min_length=1)
    text_en: str = ""
    hours: PositiveInt = Field(default=6, description="Valid this many hours.")


Inject = Annotated[ReportInject | FeedbackInject | CasualtiesInject | EscalationInject | WarningInject,
                   Field(discriminator="kind")]

INJECT_KINDS = ("report", "feedback", "casualties", "escalation", "warning")
EXPECTED_ACTIONS = ("verify", "grade", "regrade", "activate", "dispatch", "merge", "report_upward", "command_post",
                    "warning", "step")


class Expectation(_Strict):
    """One action expected of the desk, due `within` minutes of the start or of an inject."""

    action: Literal["verify", "grade", "regrade", "activate", "dispatch", "merge", "report_upward", "command_post",
                    "warning", "step"]
    incident: str | None = Field(default=None, pattern=KEY_PATTERN,
                                 description="Key of the report inject whose incident is worked (not for warning).")
    within: NonNegativeInt = Field(description="Minutes allowed.")
    after: str = Field(default="start", description="`start` or the key of an inject the deadline counts from.")
    level: str | None = Field(default=None, description="For grade and regrade: the level expected.")
    report: Literal["initial", "follow_up", "final"] | None = Field(default=None, description="For report_upward.")
    step: str | None = Field(default=None, pattern=STEP_ID_PATTERN, description="For step: the plan step's id.")
    points: PositiveInt = Field(default=10, description="Points lost when missed (half when late).")
    title: str = Field(default="", description="How the report names it (default: from the action).")


class Scoring(_Strict):
    """What a late or missed plan step costs; expectations carry their own points."""

    late_share: float = Field(default=0.5, ge=0, le=1, description="Share of an expectation's points lost when late.")
    step_late: NonNegativeInt = Field(default=2, description="Points lost per plan step done after its deadline.")
    step_missed: NonNegativeInt = Field(default=4, description="Points lost per plan step not done by the end.")


class Scenario(_ReadFromText):
    """A drill scenario as validated from its YAML file."""

    id: str = Field(pattern=STEP_ID_PATTERN)
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    description: str = ""
    duration: PositiveInt = Field(description="Minutes the drill runs from its start.")
    injects: list[Inject] = Field(min_length=1)
    expect: list[Expectation] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)

    def ordered_injects(self) -> list[tuple[int, ReportInject | FeedbackInject | CasualtiesInject | EscalationInject
                                            | WarningInject]]:
        """Each inject with its position in the file, in the order they are fed (time, then file order)."""
        return sorted(enumerate(self.injects), key=lambda item: (item[1].at, item[0]))

    def inject(self, key: str) -> ReportInject | FeedbackInject | CasualtiesInject | EscalationInject | WarningInject:
        return next(item for item in self.injects if item.key == key)


def _scenario_error(error: PlanError) -> PlanError:
    """The plans' error with the document itself named as a scenario."""
    field = ROOT if error.field == "(plan)" else error.field
    return PlanError(error.source, error.line, error.column, field, error.problem)


def _validate(document: _Document) -> Scenario | None:
    if not isinstance(document.data, dict):
        document.errors.append(document.error((), _("a scenario must be a mapping of fields (id, injects, expect…)")))
        return None
    try:
        return Scenario.model_validate(document.data)
    except ValidationError as error:
        for problem in error.errors():
            path = tuple(part for part in problem["loc"] if part != "[key]" and not _is_tag(problem["loc"], part))
            if problem["type"] in ("union_tag_invalid", "union_tag_not_found"):
                path = (*path, "kind")
            document.errors.append(document.error(path, _problem(problem),
                                                  at_key=problem["type"] == "extra_forbidden"))
        return None
    except RecursionError:
        document.errors.append(document.error((), _("the scenario refers to itself (a recursive YAML anchor)")))
        return None


def _problem(problem: Any) -> str:
    """Pydantic's complaint in the desk's words, for the scenario format."""
    if problem["type"] == "extra_forbidden":
        return _("unknown field (not part of the scenario format; see drills/README.md)")
    if problem["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return _("an inject's kind is one of {kinds}").format(kinds=", ".join(INJECT_KINDS))
    return _describe(problem)


def _is_tag(location: tuple[int | str, ...], part: int | str) -> bool:
    """Pydantic names the union member (`report`, `feedback`) in the path; the YAML has no such key."""
    index = location.index(part)
    return index >= 2 and location[index - 2] == "injects" and isinstance(location[index - 1], int)


def _check_references(scenario: Scenario, document: _Document) -> None:
    """Keys are unique; an inject or expectation names earlier report injects; codes are configured."""
    config = load_config()
    levels = [entry.code for entry in config.levels]
    channels = [entry.code for entry in config.channels]
    types = [entry.code for entry in config.incident_types]
    colours = [entry.code for entry in config.warning_colours]
    keys: dict[str, int] = {}
    reports: dict[str, int] = {}
    for index, item in enumerate(scenario.injects):
        at: FieldPath = ("injects", index)
        if item.key is not None:
            if item.key in keys:
                document.errors.append(document.error((*at, "key"),
                                                      _("duplicate inject key {key!r}").format(key=item.key)))
            keys.setdefault(item.key, item.at)
            if isinstance(item, ReportInject):
                reports.setdefault(item.key, item.at)
        if isinstance(item, ReportInject | CasualtiesInject):
            _known(document, (*at, "channel"), item.channel, channels, _("channel"))
        if isinstance(item, ReportInject):
            _known(document, (*at, "type"), item.type, types, _("incident type"))
        if isinstance(item, WarningInject):
            _known(document, (*at, "colour"), item.colour, colours, _("warning colour"))
        if isinstance(item, EscalationInject):
            _known(document, (*at, "level"), item.level, levels, _("level"))
        if isinstance(item, FeedbackInject | CasualtiesInject | EscalationInject):
            _earlier_report(document, (*at, "incident"), item.incident, item.at, reports)
        if item.at > scenario.duration:
            document.errors.append(document.error((*at, "at"), _(
                "the inject comes at minute {at}, after the drill ends (duration {duration})").format(
                at=item.at, duration=scenario.duration)))
    for index, expected in enumerate(scenario.expect):
        at = ("expect", index)
        if expected.action != "warning":
            if expected.incident is None:
                document.errors.append(document.error(at, _("say which incident: `incident` names a report inject")))
            elif expected.incident not in reports:
                document.errors.append(document.error((*at, "incident"), _(
                    "no report inject has the key {key!r}").format(key=expected.incident)))
        if expected.after != "start" and expected.after not in keys:
            document.errors.append(document.error((*at, "after"), _(
                "`after` is `start` or an inject key; no inject has the key {key!r}").format(key=expected.after)))
        if expected.action in ("grade", "regrade"):
            if expected.level is None:
                document.errors.append(document.error(at, _("a grade expectation names the level expected")))
            else:
                _known(document, (*at, "level"), expected.level, levels, _("level"))
        if expected.action == "report_upward" and expected.report is None:
            document.errors.append(document.error(at, _("a report expectation names the report: initial, "
                                                        "follow_up or final")))
        if expected.action == "step" and expected.step is None:
            document.errors.append(document.error(at, _("a step expectation names the plan step's id")))


def _earlier_report(document: _Document, path: FieldPath, key: str, at: int, reports: dict[str, int]) -> None:
    if key not in reports:
        document.errors.append(document.error(path, _("no report inject has the key {key!r}").format(key=key)))
    elif reports[key] > at:
        document.errors.append(document.error(path, _(
            "the inject comes at minute {at}, before report {key!r} (minute {first}) raises the incident").format(
            at=at, key=key, first=reports[key])))


def _check_steps(scenario: Scenario, document: _Document) -> None:
    """A step expectation names a step of the plan that covers the incident's type."""
    if not any(expected.action == "step" for expected in scenario.expect):
        return
    plans = load_plans()
    from model.plans import plan_for_type

    for index, expected in enumerate(scenario.expect):
        if expected.action != "step" or expected.incident is None or expected.step is None:
            continue
        report = next((item for item in scenario.injects
                       if isinstance(item, ReportInject) and item.key == expected.incident), None)
        if report is None:
            continue
        plan = plan_for_type(plans, report.type)
        ids = [planned.step.id for planned in plan.ordered_steps()]
        _known(document, ("expect", index, "step"), expected.step, ids, _("step of plan {plan}").format(plan=plan.id))


def check_text(text: str, source: str, *, against_plans: bool = True) -> tuple[Scenario | None, list[PlanError]]:
    """The scenario in `text` if it is valid, and every error found in it, in line order.

    `against_plans=False` leaves out the check of step ids against today's plans (reading every
    plan is slow): for the text stored when a drill started, which was checked then.
    """
    document = _parse(text, source)
    scenario = _validate(document) if not document.errors else None
    if scenario is not None:
        _check_references(scenario, document)
        if not document.errors and against_plans:
            _check_steps(scenario, document)
    errors = sorted((_scenario_error(error) for error in document.errors), key=lambda error: (error.line, error.column))
    if scenario is None or errors:
        return None, errors
    scenario._read_from(text, source)
    return scenario, []


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(str(path), 1, 1, ROOT, _("cannot read the file: {problem}").format(
            problem=getattr(error, "strerror", None) or error)) from error


def parse_scenario(text: str, source: str, *, against_plans: bool = True) -> Scenario:
    """The scenario in `text`, or the first error in it."""
    scenario, errors = check_text(text, source, against_plans=against_plans)
    if errors:
        raise errors[0]
    assert scenario is not None
    return scenario


def load_scenario(path: Path | str) -> Scenario:
    """Read and check one scenario file; raises the first error it contains."""
    return parse_scenario(_read(Path(path)), str(path))


def check_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[PlanError]]:
    """The scenario files named (folders expanded) and every error in them."""
    files = plan_files(paths)
    errors: list[PlanError] = []
    for path in files:
        try:
            text = _read(path)
        except PlanError as error:
            errors.append(error)
            continue
        errors.extend(check_text(text, str(path))[1])
    return files, errors


def find_scenario(name: str) -> Path:
    """A scenario given as a path, or by its file name or id in the drills/ folder."""
    given = Path(name)
    if given.exists():
        return given
    for path in plan_files([DRILLS_DIR]):
        if path.stem == name or path.name == name:
            return path
    raise PlanError(name, 1, 1, ROOT, _("no such scenario file (give a path or the name of a file in drills/)"))
