"""Playing together: a game server on the network (:mod:`.host`), its protocol (:mod:`.protocol`)
and the client that speaks it (:mod:`.client`). Engine-side: nothing here imports the terminal app.

Import the modules themselves (``sim.net.host``): this package imports nothing, so that the CLI
starts fast."""
