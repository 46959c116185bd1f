"""`linkdesk plans check|list|schema`: keep the plan files (预案) right before a duty officer needs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from model.config import load_config
from model.plans import PLANS_DIR, check_paths, load_plans, plan_files, plan_json_schema

plans_app = typer.Typer(help="Check, list and describe the emergency plans (预案).", no_args_is_help=True)


@plans_app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Plan files or folders of *.yaml files (default: the plans/ folder).")] = None,
) -> None:
    """Report every error in every plan file as file:line:column: field: problem; exit 1 if any."""
    targets = paths or [PLANS_DIR]
    missing = [str(path) for path in targets if not path.exists()]
    if missing:
        typer.echo(f"linkdesk: no such plan file or folder: {', '.join(missing)}", err=True)
        raise typer.Exit(1)
    files = plan_files(targets)
    errors = check_paths(files)
    for error in errors:
        typer.echo(str(error))
    if errors:
        broken = len({error.source for error in errors})
        typer.echo(f"{len(errors)} error(s) in {broken} of {len(files)} plan file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {len(files)} plan file(s) checked, no errors")


@plans_app.command("list")
def list_plans(
    folder: Annotated[Path, typer.Option("--folder", help="Folder of plan files.")] = PLANS_DIR,
) -> None:
    """One line per plan: id, version, titles, incident types covered and levels."""
    config = load_config()
    for plan in load_plans(folder):
        types = ", ".join(config.name_of("incident_types", code) for code in plan.incident_types)
        levels = "/".join(plan.level_order())
        typer.echo(f"{plan.id:<26} v{plan.version:<8} {plan.title_zh} ({plan.title_en})  "
                   f"types: {types}  levels: {levels}")


@plans_app.command()
def schema() -> None:
    """Print the JSON Schema of the plan format, for editors that check YAML as it is typed."""
    typer.echo(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2))
