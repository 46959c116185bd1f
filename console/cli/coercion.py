"""Typer's value coercion, put off until a value needs it, so a help page does not load pydantic.

Typer checks every parameter's value with a pydantic adapter, and builds the adapter (importing
pydantic, 0.2-0.3 s on a loaded machine) even for a parameter that was not given. The root's
options and help flags are processed before any sub-command's help is printed, so
`linkdesk import --help` would pay for pydantic to learn that nothing was typed. Here the
adapter is built on the first value that needs it; a typed text option, which the adapter would
hand back unchanged, is taken as typed. What each value becomes is the same as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer.core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter


@dataclass(frozen=True)
class DeferredCoercion(RuntimeParam):
    """Typer's own coercion of one parameter, built when a value first reaches it."""

    descriptor: TypeDescriptor
    built: list[RuntimeParam] = field(default_factory=list, compare=False)
    """Typer's coercion once built (a list, so the frozen dataclass can keep it)."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        plain_text = self.annotation is str and self.parameter_info.parser is None
        if plain_text and self.descriptor.file_annotation is None and isinstance(value, str):
            return value
        if not self.built:
            self.built.append(build_runtime_param(self.descriptor))
        return self.built[0]._coerce_value(value, param=param, ctx=ctx)


def deferred(descriptor: TypeDescriptor) -> RuntimeParam:
    return DeferredCoercion(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                            descriptor=descriptor)


def defer_coercion() -> None:
    """Make every parameter of every command coerce its value through `DeferredCoercion`."""
    typer.core.build_runtime_param = deferred  # type: ignore[attr-defined]  # typer.core imports it, unexported
