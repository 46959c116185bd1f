"""Center configuration: levels, unit kinds and tiers, types and channels come from YAML, not code.

The packaged `defaults.yaml` is the starting point; `LINKDESK_CONFIG` names a center's own file,
whose top-level keys replace the defaults' keys of the same name.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.errors import DomainError, LinkdeskError
from model.text import _

if TYPE_CHECKING:
    from model.settings import (
        Config as Config,
    )
    from model.settings import (
        GradingThreshold as GradingThreshold,
    )
    from model.settings import (
        IncidentTypeDef as IncidentTypeDef,
    )
    from model.settings import (
        LevelDef as LevelDef,
    )
    from model.settings import (
        Named as Named,
    )
    from model.settings import (
        OperatorDef as OperatorDef,
    )
    from model.settings import (
        ReportDeadline as ReportDeadline,
    )
    from model.settings import (
        ReservedAction as ReservedAction,
    )
    from model.settings import (
        ShiftPattern as ShiftPattern,
    )
    from model.settings import (
        TierDef as TierDef,
    )
    from model.settings import (
        UnitKindDef as UnitKindDef,
    )
    from model.settings import (
        WarningColourDef as WarningColourDef,
    )

DEFAULTS_PATH = Path(__file__).with_name("defaults.yaml")
PLANS_DIR = Path(__file__).resolve().parent.parent / "plans"
"""The packaged plans; here rather than in model.plans so `--help` can name it without loading pydantic."""


class UnknownCode(DomainError, ValueError):
    """A code or name that the configured list does not know; the message lists the known ones."""


SCHEMA_NAMES = ("Named", "LevelDef", "TierDef", "UnitKindDef", "IncidentTypeDef", "WarningColourDef",
                "ShiftPattern", "ReportDeadline", "GradingThreshold", "OperatorDef", "ReservedAction", "Config")
"""The schema's classes, defined in model.settings and loaded from there on first use."""


def __getattr__(name: str) -> Any:
    if name not in SCHEMA_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from model import settings

    return getattr(settings, name)


def _read(path: Path) -> dict[str, Any]:
    import yaml  # here, not at the top: the console paints before it reads the configuration

    try:
        # safe_load's loader, compiled when libyaml is there: parsing the defaults is ten times faster.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as error:
        raise LinkdeskError(_("cannot read configuration {path}: {error}").format(path=path, error=error)) from error
    if not isinstance(data, dict):
        raise LinkdeskError(_("configuration {path} must be a mapping of settings").format(path=path))
    return data


@cache
def load_config(path: str | None = None) -> Config:
    """The defaults overlaid with the file named by `path` or LINKDESK_CONFIG, validated once."""
    from pydantic_core import ValidationError

    from model.settings import validator

    settings = _read(DEFAULTS_PATH)
    override = path or os.environ.get("LINKDESK_CONFIG")
    if override:
        own = _read(Path(override))
        if isinstance(own.get("district_map"), str):
            own["district_map"] = str(Path(override).parent / Path(own["district_map"]).expanduser())
        settings.update(own)
    try:
        config: Config = validator().validate_python(settings)
        return config
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LinkdeskError(f"configuration {override or DEFAULTS_PATH}: {where}: {first['msg']}") from error


def default_ledger_path() -> Path:
    """LINKDESK_DB, else ledger.db in the user data directory."""
    from platformdirs import user_data_path

    configured = os.environ.get("LINKDESK_DB")
    return Path(configured).expanduser() if configured else user_data_path("linkdesk") / "ledger.db"


def demo_ledger_path() -> Path:
    """The demo ledger lives apart from the real one so a demo never touches real records."""
    from platformdirs import user_data_path

    return user_data_path("linkdesk") / "demo.db"


def default_operator() -> str:
    """LINKDESK_OPERATOR, else the login name."""
    import getpass

    return os.environ.get("LINKDESK_OPERATOR") or getpass.getuser()
