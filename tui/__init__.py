"""The Textual terminal app: a screen per mode (``screens/``), widgets (``widgets/``), styles
(``styles/``). It plays through a :class:`sim.play.game.Game` (step, move, vote, undo, save) and
shows what a game, its run record and the views of ``sim.play.view`` give; it never reads the
model or its agents. The editor screen works through ``sim.edit``."""

from .app import DiplosimApp

__all__ = ["DiplosimApp"]
