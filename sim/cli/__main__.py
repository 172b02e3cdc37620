"""``python -m sim.cli``: the same as the ``diplosim`` command."""

from .main import main

main()
