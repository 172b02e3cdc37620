"""The ``diplosim`` command: one Typer app (:mod:`.main`) with the commands of each feature
(:mod:`.authoring`, :mod:`.batch`, :mod:`.power`) and the options they share (:mod:`.options`)."""

from .main import app, main

__all__ = ["app", "main"]
