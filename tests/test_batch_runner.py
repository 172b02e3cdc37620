"""How a worker runs its chunk of a batch: a model per grid point, restarted for each run,
and no garbage collection until the chunk ends."""

import gc

from shared import ENGINE_PATHS, FIXTURE

from sim import DiplomacyModel, load_scenario
from sim.batch.runner import Job, run_chunk
from sim.batch.session import plan


def _job() -> Job:
    planned = plan(FIXTURE, 4, 0, [])
    return Job(tuple(planned.scenarios), tuple(planned.grid), planned.root, planned.layout, "jsonl")


def test_a_chunk_leaves_no_run_behind_for_the_collector_and_turns_collection_back_on():
    job = _job()
    gc.collect()
    results = run_chunk(job, 0, 4)
    assert gc.isenabled()
    assert gc.collect() == 0  # the chunk's model (a cycle with its agents) went when the chunk ended
    assert [r.index for r in results] == [0, 1, 2, 3]


def test_a_chunk_leaves_collection_off_when_its_caller_had_turned_it_off():
    job = _job()
    gc.disable()
    try:
        run_chunk(job, 0, 2)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_restarted_run_leaves_nothing_for_the_collector(syria):
    """Why a chunk need not collect between runs: what a run leaves goes by reference counting."""
    for scenario in [syria, *(load_scenario(v) for v in ENGINE_PATHS)]:
        model = DiplomacyModel(scenario, 0, explain=False, log_lobbying=False)
        model.run()
        gc.collect()
        gc.disable()
        try:
            for seed in range(1, 4):
                model.restart(seed)
                model.run()
                assert gc.collect(0) == 0
        finally:
            gc.enable()
