"""The main screen's workflows, one small controller each; the screen composes them (see `base`)."""
