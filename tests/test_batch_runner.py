"""How a worker runs its chunk of a batch: each run's garbage collected as the run ends."""

import gc

from sim.batch.runner import Job, run_chunk
from sim.batch.session import plan


def _job(root) -> Job:
    planned = plan(root / "scenarios" / "syria-2012-07", 4, 0, [])
    return Job(tuple(planned.scenarios), tuple(planned.grid), planned.root, planned.layout, "jsonl")


def test_a_chunk_leaves_no_run_behind_for_the_collector_and_turns_collection_back_on(root):
    job = _job(root)
    gc.collect()
    results = run_chunk(job, 0, 4)
    assert gc.isenabled()
    assert gc.collect() == 0  # every model (a cycle with its agents) went when its run ended
    assert [r.index for r in results] == [0, 1, 2, 3]


def test_a_chunk_leaves_collection_off_when_its_caller_had_turned_it_off(root):
    job = _job(root)
    gc.disable()
    try:
        run_chunk(job, 0, 2)
        assert not gc.isenabled()
    finally:
        gc.enable()
