"""Seeds like Axelrod's: one root seed, one child seed per run, from numpy's SeedSequence.

The child of run ``i`` is ``SeedSequence(root).spawn(n)[i]`` for any ``n > i``; it depends only
on the root and ``i``, so a batch gives the same runs whatever the number of workers, the order
in which runs finish, or where a resumed batch starts again.
"""

from __future__ import annotations

SEED_MAX = 2**63 - 1
"""The largest seed diplosim takes: a batch's child seeds are below it too (63 bits)."""


def child_seed(root: int, index: int) -> int:
    """The integer seed of run ``index`` of a batch rooted at ``root``."""
    import numpy as np  # here: the commands that only check a seed against SEED_MAX need none of it

    child = np.random.SeedSequence(root, spawn_key=(index,))
    return int(child.generate_state(1, dtype=np.uint64)[0] >> 1)


def child_seeds(root: int, count: int, start: int = 0) -> list[int]:
    """Seeds for runs ``start`` .. ``start + count - 1``."""
    return [child_seed(root, index) for index in range(start, start + count)]
