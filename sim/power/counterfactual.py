"""Counterfactual Councils: the same scenario with other states in some elected seats.

``--replace azerbaijan=turkey`` gives Azerbaijan's seat to Turkey: the scenario is loaded with
an override that rewrites the Council's elected list and both actors' ``seat`` fields, then
validated like any scenario. The incoming state needs a profile in the scenario; to bring in
states the scenario lacks, write a variant folder with their profiles (as
``scenarios/syria-2012-07-council-2011`` does).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CouncilChangeError
from ..scenario.loading import LoadedScenario, load_scenario
from ..scenario.profiles import Kind
from ..scenario.strict import suggestion
from ..scenario.yamlsafe import Document


def parse_replacement(text: str) -> tuple[str, str]:
    """``"old=new"`` as a pair of actor ids."""
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise CouncilChangeError(
            f"--replace {text}: expected OLD=NEW, two actor ids (e.g. azerbaijan=turkey)"
        )
    return old.strip(), new.strip()


def with_council(path: Path, replacements: list[tuple[str, str]]) -> LoadedScenario:
    """The scenario at ``path`` with each ``(old, new)`` elected member replaced, validated."""
    if not replacements:
        return load_scenario(path)
    base = load_scenario(path)
    spec = base.spec
    elected = list(spec.council.elected)
    actors: dict[str, dict] = {}
    for old, new in replacements:
        if old not in elected:
            where = "a permanent member" if old in spec.council.permanent else "not an elected member"
            choices = set(elected)
            hint = suggestion(old, choices) if old not in spec.actors else ""
            raise CouncilChangeError(f"--replace {old}={new}: '{old}' is {where}{hint}")
        profile = spec.actors.get(new)
        if profile is None:
            outside = {a for a, p in spec.actors.items() if not p.on_council and p.kind is Kind.state}
            raise CouncilChangeError(
                f"--replace {old}={new}: no actor '{new}' in the scenario{suggestion(new, outside)}; "
                "a new state needs a profile in a variant folder"
            )
        if new in elected or new in spec.council.permanent:
            raise CouncilChangeError(f"--replace {old}={new}: '{new}' already sits on the Council")
        if profile.kind is not Kind.state:
            raise CouncilChangeError(f"--replace {old}={new}: '{new}' is a {profile.kind.value}, not a state")
        elected[elected.index(old)] = new
        actors[old] = {"seat": "none"}
        actors[new] = {"seat": "elected"}
    overrides = Document({"council": {"elected": elected}, "actors": actors})
    return load_scenario(path, overrides)
