"""Who is at the desk: the center's operators, the roles they hold, the actions reserved to roles.

All of it is configuration (`operators`, `roles`, `reserved_actions` in model/defaults.yaml or the
center's file): a small center gives one person every role, a large one splits them. A center
that lists no operators has not set up its roster, and every operator then holds every role.
The name checked is the entry's operator, which the system vouches for (model/seats.py).
"""

from __future__ import annotations

from model.config import load_config
from model.errors import DomainError
from model.settings import OperatorDef
from model.text import N_, _, pick

ACTIONS = {
    "grade": N_("grading"),
    "record_approval": N_("recording an approval"),
    "end_incident": N_("ending an incident"),
    "close_incident": N_("closing an incident"),
    "dispatch_resource": N_("ordering a resource"),
    "activate_plan": N_("activating a plan"),
    "report_upward": N_("reporting upward"),
    "hand_over_shift": N_("handing over the shift"),
}
"""The actions a configuration may reserve, by the name a refusal gives them."""


def operator(login: str) -> OperatorDef | None:
    """The roster's entry of `login`, or None when the roster does not list it."""
    for listed in load_config().operators:
        if listed.login == login:
            return listed
    return None


def role_names(codes: tuple[str, ...]) -> str:
    """The roles by their names in the desk's language, e.g. 值班员、带班领导."""
    config = load_config()
    named = {role.code: pick(role.zh, role.en) for role in config.roles}
    return _(", ").join(named.get(code, code) for code in codes)


def require_on_roster(login: str) -> None:
    """Refuse an entry by someone the center's roster does not list (when it lists anyone)."""
    if load_config().operators and operator(login) is None:
        raise DomainError(_("{login} is not on this center's roster of operators: only the people it lists "
                            "record entries at the desk").format(login=login))


def require_role(action: str, login: str, level: str | None = None) -> None:
    """Refuse `action` to an operator who holds none of the roles the configuration reserves it to."""
    config = load_config()
    if not config.operators:
        return
    listed = operator(login)
    if listed is None:
        require_on_roster(login)
        return
    for rule in config.reserved_actions:
        if rule.action != action or (rule.levels and level not in rule.levels):
            continue
        if set(rule.roles) & set(listed.roles):
            continue
        what = _(ACTIONS.get(action, action))
        if rule.levels and level is not None:
            named = config.level(level)
            what = _("{action} at level {level} ({name})").format(action=what, level=level,
                                                                 name=pick(named.zh, named.en))
        raise DomainError(_("{action} is reserved to the {roles}: {name} is {held}").format(
            action=what, roles=role_names(rule.roles), name=listed.name, held=role_names(listed.roles)))
