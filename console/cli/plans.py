"""`linkdesk plans check|list|schema`: keep the plan files (预案) right before a duty officer needs them.

Each command imports the plan loader (pydantic, YAML) when it runs, so `--help` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.output import say, shown_json
from model.config import PLANS_DIR
from model.text import _, pick

plans_app = typer.Typer(help=_("Check, list and describe the emergency plans."), no_args_is_help=True)


@plans_app.command(help=_("Report every error in every plan file as file:line:column: field: problem; exit 1 if any."))
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=_("Plan files or folders of *.yaml files (default: the plans/ folder)."))] = None,
) -> None:
    from model.plans import check_paths, plan_files

    targets = paths or [PLANS_DIR]
    missing = [str(path) for path in targets if not path.exists()]
    if missing:
        say(_("linkdesk: no such plan file or folder: {paths}").format(paths=", ".join(missing)), err=True)
        raise typer.Exit(1)
    files = plan_files(targets)
    errors = check_paths(files)
    for error in errors:
        say(error)
    if errors:
        broken = len({error.source for error in errors})
        say(_("{errors} error(s) in {broken} of {files} plan file(s)").format(
            errors=len(errors), broken=broken, files=len(files)), err=True)
        raise typer.Exit(1)
    say(_("OK: {count} plan file(s) checked, no errors").format(count=len(files)))


@plans_app.command("list", help=_("One line per plan: id, version, title, incident types covered and levels."))
def list_plans(
    folder: Annotated[Path, typer.Option("--folder", help=_("Folder of plan files."))] = PLANS_DIR,
) -> None:
    from console.labels import configured
    from model.plans import load_plans

    for plan in load_plans(folder):
        types = ", ".join(configured("incident_types", code) for code in plan.incident_types)
        levels = "/".join(plan.level_order())
        say(f"{plan.id:<26} v{plan.version:<8} {pick(plan.title_zh, plan.title_en)}  "
                   + _("types: {types}  levels: {levels}").format(types=types, levels=levels))


@plans_app.command(help=_("Print the JSON Schema of the plan format, for editors that check YAML as it is typed."))
def schema() -> None:
    from model.plans import plan_json_schema

    typer.echo(shown_json(plan_json_schema()))
