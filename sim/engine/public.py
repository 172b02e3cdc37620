"""The public moves of a round: who lobbied, pressed or made offers to whom, which every actor
sees and may answer in the next round (sim/engine/tactics.py)."""

from __future__ import annotations

from typing import Final

LOBBIED: Final = 0
OFFERED: Final = 1
PRESSED: Final = 2
COVERED: Final = 3

PublicMove = tuple[int, int, int]
"""(actor index, what it did: LOBBIED, OFFERED, PRESSED or COVERED, target's actor index)."""


class PublicLog:
    """The public moves of the round being played and of the round before."""

    def __init__(self) -> None:
        self.last: list[PublicMove] = []
        """Last round's, which actors answer."""
        self.now: list[PublicMove] = []
        """This round's so far."""

    def turn(self) -> None:
        """A new round: this round's moves become the last round's."""
        self.last, self.now = self.now, []
