"""Voting power and backtests: who holds the power in the Council, and how far the model is right.

- a-priori indices, exact (:mod:`.games`, :mod:`.indices`, :mod:`.apriori`);
- empirical decisiveness over a batch of runs (:mod:`.runs`, :mod:`.empirical`);
- counterfactual Councils (:mod:`.counterfactual`);
- backtests against a recorded roll call (:mod:`.backtest`);
- the ``diplosim power`` and ``diplosim backtest`` commands (:mod:`sim.cli.power`), their text
  (:mod:`.report`, :mod:`.backtest_report`, :mod:`.tables`).

Everything here reads scenarios and run records through the engine's public API; nothing here
feeds back into a run.
"""

from .apriori import APriori, a_priori_power
from .backtest import backtest, match_record
from .counterfactual import with_council
from .empirical import EmpiricalPower, decisive_members, empirical_power
from .runs import Batch, RollCall, read_runs, simulate

__all__ = [
    "APriori",
    "Batch",
    "EmpiricalPower",
    "RollCall",
    "a_priori_power",
    "backtest",
    "decisive_members",
    "empirical_power",
    "match_record",
    "read_runs",
    "simulate",
    "with_council",
]
