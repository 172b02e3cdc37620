"""Pressure landing on members, whoever made it (an actor the engine plays, or a player): lobbying
moves a member's position, a statement the price of its veto, an offer the value of its yes
(docs/model.md, sections 4.4 and 4.6). Each is logged in the round's record and its public log.

Compiled with mypyc when the package is built, like the rest of the hot path.
"""

from __future__ import annotations

from .chamber import Chamber
from .public import COVERED, LOBBIED, OFFERED, PRESSED
from .record import LobbyRecord, PressureRecord, RoundRecord
from .rounding import rounded
from .state import ActorState


class Landing:
    """Pressure landing on members in one round, whoever planned it (sim/engine/lobbying.lobby,
    or a player's move through sim/engine/rules.apply): the model's switches read once for all."""

    def __init__(self, model: Chamber, record: RoundRecord) -> None:
        self.model = model
        self.strength: float = model.picture.tuning.persuasion
        self.explain: bool = model.explain
        self.log: bool = model.log_lobbying
        self.round_index: int = model.round_index
        self.dims: list[str] = model.dims
        self.lines: list[LobbyRecord] = record.lobbying
        self.pressure: list[PressureRecord] = record.pressure
        self.public: list[tuple[int, int, int]] = model.public.now
        tuning = model.picture.tuning
        self.statement_rate: float = tuning.statement_rate
        self.repeat: float = tuning.statement_repeat
        self.inducement_rate: float = tuning.inducement_rate

    def land(
        self, lobbyist: ActorState, target: ActorState, index: int, effort: float, receptivity: float
    ) -> float:
        """``target`` moves persuasion x ``effort`` x ``receptivity`` (its receptivity to
        ``lobbyist``) of the way toward ``lobbyist`` on dimension ``index`` (:func:`press`); it
        remembers who moved it for its explanations, and the round's record logs the move.
        Returns the shift. The caller forgets the picture (positions moved)."""
        shift = press(target.position, index, lobbyist.position[index], self.strength * effort * receptivity)
        self.public.append((lobbyist.index, LOBBIED, target.index))
        if self.explain:  # the target keeps a history of pressure for its explanations
            self.model.actors[target.key].remember_pressure(lobbyist.name, index, shift, self.round_index)
        if self.log:
            self.lines.append(LobbyRecord(lobbyist.name, target.name, self.dims[index], rounded(shift, 2)))
        return shift

    def state(
        self,
        author: ActorState,
        target: ActorState,
        pressure: float,
        answers: str,
        signers: list[str] | None = None,
    ) -> float:
        """A public statement by ``author`` about permanent member ``target`` moves the price of
        its veto (not its views): by statement_rate x ``pressure``, times statement_repeat for
        each statement ``author`` made about it before; it fades as positions settle
        (lobbying.settle). ``answers``: the id of the actor it answers, or "". ``signers``: the
        names of the members that signed it with ``author`` (a joint statement, whose
        ``pressure`` counts them already). Returns the change."""
        said = target.heard.get(author.key, 0)
        target.heard[author.key] = said + 1
        before = target.cost_of_no(False)
        target.veto_pressure += self.statement_rate * pressure * self.repeat**said
        change = target.cost_of_no(False) - before
        self.note(
            author,
            target,
            "statement",
            pressure,
            change,
            answers,
            PRESSED if pressure > 0 else COVERED,
            signers,
        )
        return change

    def offer(
        self, author: ActorState, target: ActorState, amount: float, receptivity: float, answers: str
    ) -> float:
        """An offer of ``amount`` capital for a yes adds inducement_rate x amount x receptivity to
        ``target``'s value of a yes until its next vote. Returns what it adds."""
        bonus = self.inducement_rate * amount * receptivity
        target.inducement += bonus
        self.note(author, target, "inducement", amount, bonus, answers, OFFERED)
        return bonus

    def note(
        self,
        author: ActorState,
        target: ActorState,
        kind: str,
        amount: float,
        change: float,
        answers: str,
        did: int,
        signers: list[str] | None = None,
    ) -> None:
        """Log a statement or an offer: in the round's record, the public log, and (for
        explanations) the target's history."""
        actors = self.model.actors
        answering = actors[answers].name if answers else ""
        self.pressure.append(
            PressureRecord(
                author.name,
                kind,
                target.name,
                rounded(amount, 4),
                rounded(change, 4),
                answering,
                list(signers) if signers else [],
            )
        )
        self.public.append((author.index, did, target.index))
        if self.explain:
            actors[target.key].remember(
                author.name, "veto_price" if did != OFFERED else "inducement", change, self.round_index
            )


def press(position: list[float], index: int, toward: float, weight: float) -> float:
    """Move ``position[index]`` ``weight`` of the way to ``toward``, within 0..100; returns the
    shift. ``weight`` is strength x effort x receptivity, multiplied in that order."""
    here: float = position[index]
    shift = weight * (toward - here)
    position[index] = min(100.0, max(0.0, here + shift))  # mypyc compiles a two-argument min/max inline
    return shift
