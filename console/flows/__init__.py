"""Workflows of the main screen, grouped by what they work on."""
