"""The console's screens, one per file."""

from console.screens.choose import ChooseScreen
from console.screens.dispatch import DispatchScreen
from console.screens.form import FormField, FormScreen
from console.screens.help import HelpScreen
from console.screens.incident import IncidentScreen
from console.screens.listing import ListingScreen

__all__ = ["ChooseScreen", "DispatchScreen", "FormField", "FormScreen", "HelpScreen", "IncidentScreen",
           "ListingScreen"]
