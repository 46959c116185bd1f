"""The main screen's panes."""

from console.panes.incident_queue import IncidentQueue
from console.panes.plan_pane import PlanPane
from console.panes.status_bar import StatusBar
from console.panes.unit_roster import UnitRoster

__all__ = ["IncidentQueue", "PlanPane", "StatusBar", "UnitRoster"]
