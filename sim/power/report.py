"""``diplosim power``'s report: a-priori indices, empirical decisiveness, outcomes; text and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario.loading import LoadedScenario
from .apriori import GAMES, INDICES, APriori, a_priori_power
from .empirical import OUTCOMES, EmpiricalPower, empirical_power
from .runs import Batch, council_names
from .tables import DASH, figure, table

GAME_TITLES = {"classical": "classical (yes/no)", "ternary": "with abstention (ternary)"}
INDEX_TITLES = {
    "shapley_shubik": "Shapley-Shubik",
    "banzhaf": "Banzhaf",
    "banzhaf_normalised": "Banzhaf norm.",
}
SEAT_MARK = {"permanent": "P", "elected": "E"}


@dataclass(frozen=True)
class PowerReport:
    """Everything ``diplosim power`` says about one scenario's Council."""

    scenario: dict[str, str]
    year: int
    a_priori: APriori
    empirical: EmpiricalPower | None
    replaced: dict[str, str] = field(default_factory=dict)
    """Seats given away on the command line: outgoing member's name -> incoming member's name."""

    @property
    def label(self) -> str:
        changes = ", ".join(f"{new} for {old}" for old, new in self.replaced.items())
        return f"{self.scenario['id']} with {changes}" if changes else self.scenario["id"]

    def to_dict(self) -> dict[str, Any]:
        exact = {
            game: {index: {seat: str(v) for seat, v in values.items()} for index, values in indices.items()}
            for game, indices in self.a_priori.exact.items()
        }
        seats = self.a_priori.seats
        return {
            "scenario": self.scenario,
            "council": {
                "year": self.year,
                "permanent": [m for m, s in seats.items() if s == "permanent"],
                "elected": [m for m, s in seats.items() if s == "elected"],
                "replaced": self.replaced,
            },
            "a_priori": self.a_priori.by_member(),
            "a_priori_exact": exact,
            "empirical": None if self.empirical is None else self.empirical.to_dict(),
        }


def power_report(
    loaded: LoadedScenario, batch: Batch | None, replaced: list[tuple[str, str]] = ()
) -> PowerReport:
    """The report on ``loaded``; empirical figures only when runs are given. ``replaced`` lists
    the ``(old, new)`` actor ids of seats changed on the command line, for the reader."""
    spec = loaded.spec
    names = {actor_id: profile.name for actor_id, profile in spec.actors.items()}
    permanent, elected = council_names(loaded)
    empirical = None
    if batch is not None:
        symbols = [draft.symbol for draft in spec.drafts.values()]
        empirical = empirical_power(batch, symbols, permanent, elected)
    scenario = {"id": spec.id, "title": spec.title, "digest": loaded.digest}
    changes = {names[old]: names[new] for old, new in replaced}
    return PowerReport(scenario, spec.council.year, a_priori_power(spec.council, names), empirical, changes)


def render(report: PowerReport) -> str:
    seats = report.a_priori.seats
    lines = [
        f"Voting power: {report.scenario['title']} ({report.label})",
        f"Council of {report.year}: P = permanent member (veto), E = elected member",
        "",
        *render_a_priori(report.a_priori),
    ]
    if report.empirical is not None:
        lines += ["", *render_empirical(report.empirical, seats)]
    return "\n".join(lines) + "\n"


def render_a_priori(power: APriori) -> list[str]:
    values = power.by_member()
    rows = [
        [member, SEAT_MARK[seat], *(figure(values[g][i][member], 5) for g in GAMES for i in INDICES)]
        for member, seat in power.seats.items()
    ]
    header = ["member", "seat", *(INDEX_TITLES[i] for _ in GAMES for i in INDICES)]
    groups = [(GAME_TITLES[g], len(INDICES)) for g in GAMES]
    return [
        "A-priori power, computed exactly (every member equally likely to cast each ballot open to it)",
        "  classical: yes or no; adopted with 9 yes including all five permanent members",
        "  with abstention: yes, abstain or no; adopted with 9 yes and no permanent 'no' (Article 27)",
        "",
        *table(header, rows, groups),
        "",
        "  Banzhaf: the chance that one's own ballot decides the outcome; norm.: its share of the",
        "  Council's total. Shapley-Shubik with abstention is Felsenthal and Machover's roll-call form:",
        "  the chance of casting the ballot that settles the outcome, members called in random order.",
    ]


def render_empirical(power: EmpiricalPower, seats: dict[str, str]) -> list[str]:
    data = power.to_dict()
    voted = [s for s, d in data["drafts"].items() if d["roll_calls"]]
    everything = data["all_roll_calls"]
    decisive_rows = [
        [
            member,
            SEAT_MARK[seats[member]],
            *(figure(data["drafts"][s]["decisive"][member]) for s in voted),
            figure(everything["decisive"][member]),
        ]
        for member in power.members
    ]
    decisive_rows.append(
        [
            "roll calls",
            "",
            *(str(data["drafts"][s]["roll_calls"]) for s in voted),
            str(everything["roll_calls"]),
        ]
    )
    veto_rows = [
        [
            member,
            *(_cast_and_decisive(data["drafts"][s], member) for s in voted),
        ]
        for member in power.permanent
    ]
    outcome_rows = [
        [symbol, *_outcome_cells(d), str(d["roll_calls"])] for symbol, d in data["drafts"].items()
    ]
    return [
        f"Empirical power ({power.source})",
        "  Share of the roll calls in which each member was decisive: its ballot alone, changed,",
        "  would have changed whether the draft was adopted.",
        "",
        *table(["member", "seat", *voted, "all roll calls"], decisive_rows),
        "",
        "  Permanent members' 'no': share of roll calls in which it was cast / in which it was decisive",
        "",
        *table(["member", *voted], veto_rows),
        "",
        *OUTCOME_NOTE,
        *table(["draft", *OUTCOME_HEADER, "roll calls"], outcome_rows),
    ]


OUTCOME_HEADER = [*OUTCOMES, "mean yes", "9+ yes"]
OUTCOME_NOTE = [
    "  Outcomes: share of runs; mean yes votes, and share of roll calls with nine yes (vetoed or not)",
    "",
]


def _outcome_cells(draft: dict) -> list[str]:
    return [
        *(figure(draft["outcomes"][o]) for o in OUTCOMES),
        figure(draft["mean_yes"], 2),
        figure(draft["nine_yes"]),
    ]


def _cast_and_decisive(draft: dict, member: str) -> str:
    return f"{figure(draft['no_cast'][member])} / {figure(draft['no_decisive'][member])}"


def render_comparison(base: PowerReport, other: PowerReport) -> str:
    """Two Councils side by side: outcomes per draft and decisiveness per member."""
    a, b = base.label, other.label
    lines = [f"Comparison: {a} (A) and {b} (B)", ""]
    if base.a_priori.exact == other.a_priori.exact:
        lines += ["  A-priori power depends only on the seats, so it is the same in both Councils.", ""]
    if base.empirical is None or other.empirical is None:
        return "\n".join(lines) + "\n"
    da, db = base.empirical.to_dict(), other.empirical.to_dict()
    outcome_rows = []
    for symbol in dict.fromkeys([*da["drafts"], *db["drafts"]]):
        for label, data in (("A", da), ("B", db)):
            draft = data["drafts"].get(symbol)
            cells = _outcome_cells(draft) if draft else [DASH] * len(OUTCOME_HEADER)
            outcome_rows.append([f"{symbol} ({label})", *cells])
    members = list(dict.fromkeys([*base.a_priori.seats, *other.a_priori.seats]))
    member_rows = []
    for member in members:
        row = [member]
        for report, data in ((base, da), (other, db)):
            seat = report.a_priori.seats.get(member)
            share = data["all_roll_calls"]["decisive"].get(member)
            row += [SEAT_MARK[seat] if seat else DASH, figure(share) if seat else DASH]
        member_rows.append(row)
    return (
        "\n".join(
            [
                *lines,
                *OUTCOME_NOTE,
                *table(["draft", *OUTCOME_HEADER], outcome_rows),
                "",
                "  Share of all roll calls in which each member was decisive (— : not on that Council)",
                "",
                *table(["member", "seat A", "decisive A", "seat B", "decisive B"], member_rows),
            ]
        )
        + "\n"
    )
