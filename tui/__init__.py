"""The Textual terminal app. It drives the engine only through ``sim``'s public API."""

from .app import DiplosimApp

__all__ = ["DiplosimApp"]
