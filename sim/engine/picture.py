"""Every actor's gain and stance at a point, and the Council's ballot probabilities: the engine's
hot path, each number worked out once and remembered until somebody moves.

A run asks for the same numbers many times: lobbying reads every member's leaning on the focus
draft, each actor's own gain and its allies' stances; sponsors weigh their draft and a few
trial amendments. :class:`GainCache` keeps, per point, a :class:`GainsAtPoint` that works out an
actor's gain and stance the first time they are asked for (a trial amendment needs only a
few), until a position, a salience or the status quo changes; and it keeps the "who follows
whom" tables (alignments as indices, receptivity) until an event changes an alignment or a
susceptibility. Every number comes from the equations of docs/model.md as :mod:`sim.engine.voting`
writes them (``utility``, ``stance``, ``vote_values``, ``logit``), so records are the same to the
last bit whichever path asked.

Compiled with mypyc when the package is built, like the rest of the hot path (the modules
listed in pyproject.toml); plain typed Python, and run as such, from a source checkout.
"""

from __future__ import annotations

import math
from typing import Any, Final

from .state import ActorState, NativeParameters
from .voting import adoption_odds, logit, utility, vote_values
from .voting import stance as voting_stance

Probabilities = tuple[float, float, float]


class Reference:
    """What a vote on one draft is weighed against (sim/engine/fallback.py builds it): per
    actor, the expected gain over the status quo of what the agenda brings if the draft fails
    (``offsets``), and which seats are its sponsors, who vote yes while the text stays within
    their red lines (``sure_yes``)."""

    def __init__(
        self,
        key: str,
        procedural: bool,
        offsets: list[float] | None,
        sure_yes: list[bool],
        regard: list[float] | None = None,
        promises: list[tuple[int, int, float, float]] | None = None,
    ) -> None:
        self.key = key
        """The draft's id; "" for a reference with no offsets (only the status quo)."""
        self.procedural = procedural
        """No veto applies (Article 27(2))."""
        self.offsets = offsets
        """Per actor index, the expected gain of what failure brings; None where that is nothing."""
        self.sure_yes = sure_yes
        """Per seat: votes yes for sure (a sponsor of the draft)."""
        self.regard = regard
        """Per seat, what the requests of organisations it defers to add to its gain from the
        draft (request_weight x deference); None where nobody requested the draft."""
        self.promises = promises
        """The members' stated conditions for a yes on the draft, as (seat, dimension index,
        lowest, highest): at a point that meets one, the member's yes is worth ``promise`` more.
        None where nobody stated one."""


def plain(procedural: bool, seats: int) -> Reference:
    """The reference of a vote weighed against the status quo alone, with no sponsor."""
    return Reference("", procedural, None, [False] * seats)


class AllyTable:
    """Who follows whom, by index: each member's allies with their weights, and how receptive
    each member is to each lobbyist (0 to itself). Changes only when an event changes an
    alignment or a susceptibility."""

    def __init__(self, actors: list[ActorState], council: list[ActorState]) -> None:
        index = {a.key: a.index for a in actors}
        self.ally_index: list[list[int]] = []
        """Per seat, the actor indices of the member's allies, in the order of its alignments."""
        self.ally_weight: list[list[float]] = []
        """Per seat, how closely the member follows each of those allies."""
        for member in council:
            self.ally_index.append([index[other] for other in member.alignments])
            self.ally_weight.append([weight for weight in member.alignments.values()])
        # ActorState.receptivity, for every (lobbyist, member) pair; 0 to itself, so a member
        # never scores itself as a target. A stranger's pressure gets the member's alignment of 0.
        strangers = [member.receptivity_to(0.0) for member in council]
        self.receptivity: list[list[float]] = [list(strangers) for _ in actors]
        for seat in range(len(council)):
            member = council[seat]
            for other, alignment in member.alignments.items():
                self.receptivity[index[other]][seat] = member.receptivity_to(alignment)
            self.receptivity[member.index][seat] = 0.0


class GainsAtPoint:
    """Every actor's gain Δ(point) over the status quo and its stance tanh(Δ / 3σ), each worked
    out the first time it is asked for: a trial amendment needs only the sponsors' and a few
    members'. Valid until the picture forgets (positions moved); :class:`GainCache` makes them.
    It holds no reference back to the picture, so a run's picture is freed without a
    garbage collection."""

    def __init__(
        self,
        actors: list[ActorState],
        bases: list[float],
        status_quo: list[float],
        point: list[float],
        noise: float,
        offsets: list[float] | None,
    ) -> None:
        self.actors = actors
        self.bases = bases
        """Each actor's utility of the status quo (NOT_YET until worked out), shared by the
        picture's points until it forgets."""
        self.status_quo = status_quo
        self.point = list(point)
        self.noise = noise
        """σ: a stance is tanh(gain / 3σ)."""
        self.offsets = offsets
        """Per actor, what failure of the draft weighed here would bring (a :class:`Reference`'s)."""
        count = len(actors)
        self.gains: list[float] = [NOT_YET] * count
        self.stances: list[float] = [NOT_YET] * count
        self.current = True
        """False once the picture forgot it: what it has not worked out yet, it cannot now."""

    def gain(self, index: int) -> float:
        """The gain of actor ``index``."""
        gain = self.gains[index]
        if gain != gain:  # NaN: not worked out yet
            if not self.current:
                raise RuntimeError("the gains of a point were asked for after positions moved")
            actor = self.actors[index]
            base = self.bases[index]
            if base != base:
                base = self.bases[index] = utility(actor.position, actor.salience, self.status_quo)
            gain = utility(actor.position, actor.salience, self.point) - base
            offsets = self.offsets
            if offsets is not None:
                gain -= offsets[index]
            self.gains[index] = gain
        return gain

    def stance(self, index: int) -> float:
        """The stance of actor ``index``: how firmly it is for (+1) or against (-1)."""
        stance = self.stances[index]
        if stance != stance:
            stance = voting_stance(self.gain(index), self.noise)
            self.stances[index] = stance
        return stance


NOT_YET: Final = math.nan
"""A gain or stance not worked out yet (no real one is NaN: every number is in range)."""


class GainCache:
    """Gains, stances and ballot probabilities of one model's actors, memoised per point, and
    the status quo they are measured from."""

    def __init__(
        self,
        actors: list[ActorState],
        council: list[ActorState],
        tuning: NativeParameters,
        status_quo: list[float],
    ) -> None:
        self.actors = actors
        """Every actor's numbers, by actor index (ordered by id)."""
        self.council = council
        """The members' numbers, in Council order (ordered by id)."""
        self.by_key: dict[str, ActorState] = {a.key: a for a in actors}
        self.vetoes: list[bool] = [m.has_veto for m in council]
        """Per seat: a permanent member."""
        self.tuning = tuning
        self._status_quo = status_quo
        self._points: dict[tuple[tuple[float, ...], str], GainsAtPoint] = {}
        self._blames: dict[tuple[tuple[float, ...], str, tuple[bool, ...]], list[float]] = {}
        self._aparts: dict[tuple[tuple[float, ...], str, tuple[bool, ...]], float] = {}
        self._whole: list[float] = [1.0] * len(council)
        """Every seat's share when each bears all the blame of its veto (never changed)."""
        self.expected: dict[str, list[Any]] = {}
        """Each draft's alternatives as its :class:`Reference` weighed them (sim/engine/fallback.py),
        for the explanations."""
        self.references: dict[str, Reference] = {}
        """Each draft's :class:`Reference`, worked out once a round and again when the agenda
        changes (sim/engine/fallback.py keeps it here)."""
        self._bases: list[float] = [NOT_YET] * len(actors)
        self._wiring: AllyTable | None = None

    @property
    def status_quo(self) -> list[float]:
        """What holds on each dimension if nothing is adopted; the last adopted draft's position."""
        return self._status_quo

    @status_quo.setter
    def status_quo(self, point: list[float]) -> None:
        self._status_quo = point
        self.agenda_changed()  # every gain is measured from the status quo

    def forget(self) -> None:
        """Positions or saliences changed: every remembered gain is stale."""
        points = self._points
        if points:
            for known in points.values():
                known.current = False
            points.clear()
        self._bases = [NOT_YET] * len(self.actors)
        if self._blames:
            self._blames.clear()
        if self._aparts:
            self._aparts.clear()

    def agenda_changed(self) -> None:
        """A draft was tabled, amended or decided, or a new round began: what members expect of
        the agenda is worked out again (and every gain measured against it)."""
        self.forget()
        if self.references:
            self.references.clear()
            self.expected.clear()

    def rewire(self) -> None:
        """An event changed an actor's profile: rebuild the alignment tables when next needed."""
        self._wiring = None
        self.forget()

    def changed(self, field: str) -> None:
        """An actor's ``field`` (dotted, as events name them) changed: forget what depends on it.
        Gains depend on positions and saliences; the tables on alignments and susceptibility."""
        group = field.partition(".")[0]
        if group == "alignments" or field == "susceptibility":
            self.rewire()
        elif group == "ideal" or group == "salience":
            self.forget()

    @property
    def wiring(self) -> AllyTable:
        wiring = self._wiring
        if wiring is None:
            wiring = self._wiring = AllyTable(self.actors, self.council)
        return wiring

    def at(self, point: list[float], reference: Reference | None = None) -> GainsAtPoint:
        """Every actor's gain and stance at ``point`` over the status quo, less what failure of
        the draft of ``reference`` would bring (worked out as asked)."""
        offsets = None if reference is None else reference.offsets
        key = (tuple(point), "" if offsets is None or reference is None else reference.key)
        known = self._points.get(key)
        if known is None:
            known = self._points[key] = GainsAtPoint(
                self.actors, self._bases, self._status_quo, point, self.tuning.noise, offsets
            )
        return known

    def members(
        self, members: list[ActorState], point: list[float], reference: Reference
    ) -> list[Probabilities]:
        """The (yes, abstain, no) probabilities of ``members`` at ``point``, weighed by ``reference``.
        Each member's values are worked out once: for the whole Council they also give the chance
        of adoption that prices an abstention (:meth:`apart`)."""
        gains = self.at(point, reference)
        wiring = self.wiring
        shares = self.blame(point, reference)
        values = [self._values(member, gains, wiring, reference, shares[member.seat]) for member in members]
        weight = self.tuning.consensus
        apart = 0.0
        if weight != 0.0:
            key = (tuple(point), reference.key, tuple(reference.sure_yes))
            known = self._aparts.get(key)
            if known is None and members is self.council:
                known = self._priced(key, values, reference)
            apart = known if known is not None else self.apart(point, reference)
        return [self._logit(v, apart) for v in values]

    def ballot(
        self, member: ActorState, point: list[float], reference: Reference, alone: bool = False
    ) -> Probabilities:
        """The (yes, abstain, no) probabilities of one member at ``point``; ``alone``: as if it
        bore the whole blame of its veto (share 1), which :meth:`blame` never raises above, so its
        P(no) is a lower bound of the shared one, for a bound worked out without the others."""
        if alone:
            return self._ballot(member, self.at(point, reference), self.wiring, reference, 1.0, 0.0)
        share = self.blame(point, reference)[member.seat]
        apart = self.apart(point, reference)
        return self._ballot(member, self.at(point, reference), self.wiring, reference, share, apart)

    def blame(self, point: list[float], reference: Reference) -> list[float]:
        """Per seat, the share of the price of its veto a permanent member expects to bear at
        ``point``: blame shared with the others who veto too (docs/model.md, 4.3),

            share_i = 1 - s + s x E[1 / (1 + K_i)],

        K_i the number of the other permanent members that veto, each with the P(no) it has when
        it prices its own veto alone, and s = ``shared_blame``. 1 for everyone else, and on a
        procedural draft. Kept until the picture forgets."""
        weight = self.tuning.shared_blame
        if reference.procedural or weight == 0.0:
            return self._whole  # each bears all its blame: nothing to work out or to keep
        key = (tuple(point), reference.key, tuple(reference.sure_yes))
        known = self._blames.get(key)
        if known is not None:
            return known
        council = self.council
        shares = [1.0] * len(council)
        gains = self.at(point, reference)
        wiring = self.wiring
        seats = [seat for seat in range(len(council)) if council[seat].has_veto]
        alone = [self._ballot(council[seat], gains, wiring, reference, 1.0, 0.0)[2] for seat in seats]
        for k in range(len(seats)):
            counts = [1.0]  # the distribution of how many of the others veto
            for j in range(len(seats)):
                if j == k:
                    continue
                p = alone[j]
                counts.append(counts[-1] * p)
                for n in range(len(counts) - 2, 0, -1):
                    counts[n] = counts[n] * (1.0 - p) + counts[n - 1] * p
                counts[0] = counts[0] * (1.0 - p)
            expected = 0.0
            for n in range(len(counts)):
                expected += counts[n] / (1.0 + n)
            shares[seats[k]] = 1.0 - weight + weight * expected
        self._blames[key] = shares
        return shares

    def apart(self, point: list[float], reference: Reference) -> float:
        """What an abstention costs a member at ``point``: standing apart from a text the Council
        is expected to adopt (docs/model.md, 4.3),

            value(abstain) = -consensus x P(adopted),

        P(adopted) from every member's ballot without this price (one step ahead, as for the
        blame of a veto). 0 when ``consensus`` is 0. Kept until the picture forgets."""
        weight = self.tuning.consensus
        if weight == 0.0:
            return 0.0
        key = (tuple(point), reference.key, tuple(reference.sure_yes))
        known = self._aparts.get(key)
        if known is not None:
            return known
        gains = self.at(point, reference)
        wiring = self.wiring
        shares = self.blame(point, reference)
        values = [self._values(m, gains, wiring, reference, shares[m.seat]) for m in self.council]
        return self._priced(key, values, reference)

    def _priced(
        self,
        key: tuple[tuple[float, ...], str, tuple[bool, ...]],
        values: list[tuple[float, float] | None],
        reference: Reference,
    ) -> float:
        """consensus x P(adopted) from the Council's ``values`` with abstaining free, kept by ``key``."""
        free = [self._logit(v, 0.0) for v in values]
        adopted = adoption_odds(free, self.vetoes, reference.procedural)
        known = self._aparts[key] = self.tuning.consensus * adopted
        return known

    def _ballot(
        self,
        member: ActorState,
        gains: GainsAtPoint,
        wiring: AllyTable,
        reference: Reference,
        share: float,
        apart: float = 0.0,
    ) -> Probabilities:
        """A member's ballot probabilities: :meth:`_values` with an abstention priced at ``apart``
        (:meth:`apart`), through voting.logit; a sponsor of the draft votes yes."""
        return self._logit(self._values(member, gains, wiring, reference, share), apart)

    def _logit(self, values: tuple[float, float] | None, apart: float) -> Probabilities:
        """The probabilities of a member's (yes, no) ``values`` with an abstention worth -``apart``
        (voting.vote_values's abstain); None, a sponsor's sure yes."""
        if values is None:
            return (1.0, 0.0, 0.0)
        return logit(values[0], 0.0 - apart, values[1], self.tuning.noise)

    def _values(
        self, member: ActorState, gains: GainsAtPoint, wiring: AllyTable, reference: Reference, share: float
    ) -> tuple[float, float] | None:
        """A member's values of a yes and of a no (docs/model.md, 4.3): its gain plus its allies'
        pull, an organisation's request and a promise it keeps, priced against its cost of a
        "no" (its ``share`` of it, for a veto: :meth:`blame`), as voting.vote_values adds them;
        None for a sponsor of the draft within its red lines, who votes yes."""
        seat = member.seat
        if seat < 0:
            raise ValueError(f"{member.name} has no seat on the Council")
        if reference.sure_yes[seat]:
            return None  # a sponsor on its own draft, within its red lines
        allies = wiring.ally_index[seat]
        weights = wiring.ally_weight[seat]
        stances = gains.stances
        pull = 0.0
        for k in range(len(allies)):
            stance = stances[allies[k]]
            if stance != stance:  # not worked out yet
                stance = gains.stance(allies[k])
            pull += weights[k] * stance
        tuning = self.tuning
        gain = gains.gain(member.index) + tuning.alignment_pull * pull
        regard = reference.regard
        if regard is not None:
            gain += regard[seat]
        promises = reference.promises
        if promises is not None:
            point = gains.point
            for k in range(len(promises)):
                promised = promises[k]
                if promised[0] == seat and promised[2] <= point[promised[1]] <= promised[3]:
                    gain += tuning.promise
        cost = member.cost_of_no(reference.procedural) * share
        yes, _, no = vote_values(gain, cost, member.inducement)
        return (yes, no)
