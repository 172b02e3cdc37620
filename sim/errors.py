"""Exception types, one per kind of failure; the CLI prints them as ``file:line: message``."""

from __future__ import annotations

import errno
from pathlib import Path


class DiplosimError(Exception):
    """Base of every error diplosim reports to a user instead of a traceback."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class InputFileError(DiplosimError):
    """A file that cannot be read as text: missing, binary, not UTF-8, or too large."""


class YamlSyntaxError(DiplosimError):
    """Text that is not acceptable YAML: bad syntax, duplicate keys, tags, bombs, deep nesting."""


class SchemaError(DiplosimError):
    """A document whose fields have the wrong names, types or ranges."""


class ScenarioReferenceError(DiplosimError):
    """A scenario whose parts do not fit together: unknown ids, duplicates, a malformed Council."""


class IncludeCycleError(DiplosimError):
    """Scenario folders that include each other in a loop."""


class MoveError(DiplosimError):
    """A move that the rules do not allow at this point of the game."""


class SaveError(DiplosimError):
    """A saved game that cannot be read, or that no longer matches its scenario."""


class ScriptError(DiplosimError):
    """A move script that cannot be read, or that does not fit its seat or its scenario: a move
    of another actor, a draft, dimension or actor the scenario does not have, too many rounds."""


class RunsFileError(DiplosimError):
    """A file of run records (JSON Lines) that cannot serve: bad JSON, no votes, another Council."""


class RecordMismatchError(DiplosimError):
    """A recorded roll call that does not fit the scenario: unknown draft symbol or member."""


class RecordChoiceError(DiplosimError):
    """A backtest whose record cannot be chosen: a scenario that names no record of its own, given
    without ``--record``; a folder none of whose scenarios names one; ``--record`` with ``--all``."""


class CouncilChangeError(DiplosimError):
    """A counterfactual Council that cannot be formed: unknown actor, or a seat that cannot change."""


class VaryError(DiplosimError):
    """A ``--vary`` that cannot be applied: unknown path, malformed values, or a value out of range."""


class OutputFormatError(DiplosimError):
    """A batch output file whose extension names no format diplosim writes (.parquet, .csv, .jsonl)."""


class OutputExistsError(DiplosimError):
    """A batch output that already exists, given without ``--resume`` or ``--overwrite``."""


class ResumeError(DiplosimError):
    """A batch output that ``--resume`` cannot complete: another scenario, seed or grid, or damaged rows."""


class SchedulerError(DiplosimError):
    """A Dask scheduler that cannot run the batch: ``distributed`` missing, or no answer at the address."""


class OutcomeChoiceError(DiplosimError):
    """An ``--outcome`` for sensitivity analysis that names no outcome or no permanent member."""


class ProvenanceError(DiplosimError):
    """A quote a scenario or profile cites from its seed article that the article does not contain,
    or a change to a shared profile that its provenance gives no dated reason for."""


class ScaffoldError(DiplosimError):
    """A file a ``new-*`` command would write that exists already, or a name it cannot use."""


class ScenarioPathError(DiplosimError):
    """A path a scenario names (its seed article, a folder it includes) that leads outside the
    scenario's tree, through a link loop, or to something that is not a scenario or a text file."""


class OutputWriteError(DiplosimError):
    """A file the system refused to write (a read-only folder, a full disk, a file where a folder
    should be): what was written so far stays resumable."""


class ProtocolError(DiplosimError):
    """A message of the game server's protocol (sim/net/protocol.py) that is not one: not JSON,
    not a text frame, too large, an unknown ``type`` or field, a field of the wrong type."""


class HostError(DiplosimError):
    """A game server that cannot start (its port is taken, its address cannot be bound), or that a
    client cannot join: no answer at the address, a token the server does not know."""


def cannot_listen(bind: str, port: int, exc: OSError) -> HostError:
    """Why a server (``diplosim host``, ``diplosim serve``) cannot listen on ``bind``:``port``."""
    why = "the port is in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
    return HostError(f"cannot listen on {bind}:{port}: {why}")


class TokensError(DiplosimError):
    """The seat tokens of a hosted game (the file next to its save) that ``diplosim host --resume``
    cannot read: missing, not JSON, or not one token for each seat of the save."""
