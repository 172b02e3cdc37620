"""Where edits may be saved: in place, or in a working copy when the scenario is not the user's.

Scenarios shipped inside an installed diplosim (``sim/_data``) belong to the package: a
reinstall would silently undo an edit there, and a system install is not writable anyway. So
the editor saves such a scenario, or one whose folder it cannot write, to a working copy in the
current folder: the same files at the same relative places (``scenarios/<name>/...``, and the
folders it includes, its folder of shared profiles, its seed article and its record of votes
beside them), which ``diplosim run``, ``batch`` and the app then find under ``./scenarios``. Only
regular files are copied, each with its permission bits.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from ..errors import InputFileError
from ..scenario import yamlsafe
from ..scenario.loading import ACTORS_DIR, SCENARIO_FILE, LoadedScenario
from ..scenario.record import named_record
from ..scenario.shared import SOURCE_FILE

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "_data"


def why_not_writable(file: Path) -> str | None:
    """Why an edit of ``file`` cannot be saved in place, or None when it can."""
    file = Path(file).resolve()
    if file.is_relative_to(PACKAGE_DATA):
        return "shipped inside the installed diplosim package"
    if not os.access(file.parent, os.W_OK) or (file.exists() and not os.access(file, os.W_OK)):
        return "not writable"
    return None


def scenario_files(scenario: LoadedScenario) -> list[Path]:
    """Every file a scenario reads: each folder's scenario file and profiles, every profile of its
    folder of shared profiles (and its ``source.yaml`` with the article it names), the seed
    article, and the record of votes (``record:``) that
    ``diplosim backtest`` reads, if one is named."""
    files = {file for file, _ in scenario.document.lines.values()}
    for folder in {file.parent for file in files if file.name == SCENARIO_FILE}:
        files |= set((folder / ACTORS_DIR).glob("*.yaml"))
    if scenario.shared is not None:
        files |= set((scenario.shared / ACTORS_DIR).glob("*.yaml"))
    seed_file, _ = scenario.locate("source", "seed")
    seed = scenario.spec.source.seed
    if (
        seed_file is not None and seed is not None
    ):  # as named, not resolved: a link there is the copy's to refuse
        files.add(Path(os.path.normpath(seed_file.parent / seed)))
    if scenario.shared is not None and (scenario.shared / SOURCE_FILE).is_file():
        files |= _shared_source_files(scenario.shared)
    record = named_record(scenario.document)  # checked to lie in the tree of the file naming it
    if record is not None and record.path.exists():
        files.add(Path(os.path.normpath(record.file.parent / record.named)))
    return sorted(files)


def _shared_source_files(folder: Path) -> set[Path]:
    """A folder of shared profiles' ``source.yaml`` and the article it names (as named, not
    resolved; checked to lie in the folder's tree when the scenario was loaded)."""
    source = folder / SOURCE_FILE
    files = {source}
    seed = yamlsafe.load(source).data.get("seed")
    if isinstance(seed, str):
        files.add(Path(os.path.normpath(folder / seed)))
    return files


def working_copy(scenario: LoadedScenario, destination: Path) -> Path:
    """Copy the scenario's files under ``destination``, laid out as they are relative to each other;
    returns the copy's scenario folder. Files already there with the same bytes are kept; a file
    there with other content is never overwritten (an :class:`InputFileError` says which).

    Only the scenario's own files are copied: each must be a regular file, reached without a
    symbolic link (a FIFO, a device, a folder or a link is refused, naming it). A copy keeps its
    source's permission bits, so a file others may not read stays so; the owner may always write
    it, since it is made to be edited.
    """
    files = scenario_files(scenario)
    root = Path(os.path.commonpath([f.parent for f in files]))
    if root.name == ACTORS_DIR or (root / SCENARIO_FILE).is_file():
        root = root.parent
    inside = Path(os.path.realpath(destination))
    plan = []
    for file in files:
        data, mode = _own_file(file)
        relative = file.relative_to(root)
        target = Path(destination) / relative
        if Path(os.path.realpath(target)) != inside / relative:
            raise InputFileError("leads through a symbolic link; move it away or edit it instead", target)
        if os.path.lexists(target) and _own_file(target)[0] != data:
            raise InputFileError("a different file is already there; move it away or edit it instead", target)
        plan.append((target, data, mode))
    for target, data, mode in plan:
        if not os.path.lexists(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            _create(target, data, mode | stat.S_IWUSR)
    return Path(destination) / scenario.folder.relative_to(root)


def _own_file(file: Path) -> tuple[bytes, int]:
    """The bytes and permission bits of ``file``, a regular file reached without a symbolic link."""
    if os.path.realpath(file) != os.path.normpath(file):
        raise InputFileError(f"is reached through a symbolic link{_ONLY_OWN}", file)
    try:
        handle = os.open(file, os.O_RDONLY | _NO_LINK | _NO_WAIT)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputFileError(f"is a symbolic link{_ONLY_OWN}", file) from None
        raise InputFileError(f"cannot read: {exc.strerror}", file) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"is {_kind(info.st_mode)}, not a regular file{_ONLY_OWN}", file)
        chunks = []
        while chunk := os.read(handle, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(handle)
    return b"".join(chunks), stat.S_IMODE(info.st_mode) & 0o777


def _create(target: Path, data: bytes, mode: int) -> None:
    """Write a new file (never one already there, nor through a link left there) with ``mode``."""
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINK, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fchmod(handle, mode)  # exactly the mode, whatever the umask
        finally:
            os.close(handle)
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"


_ONLY_OWN = "; a working copy takes only the scenario's own files"
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
