"""Streaming a batch's rows to Parquet, CSV or JSON Lines so that a crash loses nothing written.

Every row is one line, written and flushed as soon as the runs before it are done, so after
Ctrl-C or a killed process each file holds whole rows of runs 0..k-1 (a line cut short by a
crash is dropped when the batch resumes):

* ``.jsonl``: the output itself, one JSON object per run (``votes`` a list).
* ``.csv``: the output itself, a header then one line per run (``votes`` as JSON text).
* ``.parquet``: a Parquet file has its index at the end and is unreadable until closed, so
  rows go first to a JSON Lines spool beside it (``runs.parquet.partial.jsonl``, readable with
  ``pandas.read_json(..., lines=True)``), and the Parquet file is written from the spool when
  the batch ends or is interrupted. The spool stays until the batch is complete; ``--resume``
  continues it.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..errors import OutputExistsError, OutputFormatError, OutputWriteError, ResumeError
from .records import JSON_COLUMNS, SEAT_UTILITY, Layout

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ROW_GROUP_ROWS = 1000


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise OutputFormatError(f"--out {path}: unknown extension '{path.suffix}'; use one of {known}")
    return fmt


def check_output(path: Path) -> None:
    """Refuse an ``--out`` that names a folder (or whose spool or summary would be one), before
    any run; what ``--resume`` or ``--overwrite`` do with a file would make no sense there."""
    if path.is_dir():
        example = path / f"runs{path.suffix}"
        raise OutputExistsError(f"is a folder, not a file: give --out a file's name, e.g. {example}", path)
    for beside in (spool_of(path), summary_of(path)):
        if beside.is_dir():
            raise OutputExistsError(
                f"is a folder, not a file: --out {path} writes this file beside it; move the folder away",
                beside,
            )


def make_parent(path: Path) -> None:
    """Create the output's folder and the folders above it as needed (as ``mkdir -p``)."""
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # The nearest folder on the way that exists as something else is what blocks it.
        blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            blocked = f"cannot create its folder: {blocker} is a file, not a folder"
            raise OutputWriteError(blocked, path) from None
        raise cannot_write(exc, path, f"cannot create its folder {parent}") from None


def cannot_write(exc: OSError, path: Path, doing: str | None = None, after: str = "") -> OutputWriteError:
    """The one-line error for an output the system refused to write (read-only, full disk...)."""
    reason = exc.strerror or str(exc).split("\n")[0] or type(exc).__name__
    target = Path(exc.filename).name if isinstance(exc.filename, str) else path.name
    target = target.removesuffix(".writing")  # the file being replaced, not its temporary copy
    doing = doing or ("cannot write" if target == path.name else f"cannot write {target}")
    return OutputWriteError(f"{doing}: {reason}{after}", path)


def spool_of(path: Path) -> Path:
    return path.with_name(path.name + ".partial.jsonl")


def summary_of(path: Path) -> Path:
    """Where the summary JSON of the output ``path`` goes: beside it."""
    return path.with_name(path.name + ".summary.json")


def temporary_of(path: Path) -> Path:
    """Where a file replaced whole (the Parquet file, the summary) is written before the move."""
    return path.with_name(path.name + ".writing")


def encode(row: dict[str, Any], fmt: str, columns: list[str]) -> str:
    """One row as one line of the format (for Parquet: of its spool). Runs in the workers."""
    if fmt == "jsonl":
        return json.dumps(row, ensure_ascii=False) + "\n"
    flat = dict(row, **{c: json.dumps(row[c], ensure_ascii=False) for c in JSON_COLUMNS if c in row})
    if fmt == "parquet":
        return json.dumps(flat, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if flat[c] is None else flat[c] for c in columns])
    return buffer.getvalue()


def csv_header(columns: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns)
    return buffer.getvalue()


def _drop_torn_line(path: Path) -> None:
    """Cut a last line a crash left without its newline."""
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        block = min(size, 1 << 20)
        while True:
            handle.seek(size - block)
            tail = handle.read(block)
            cut = tail.rfind(b"\n")
            if cut >= 0 or block == size:
                break
            block = min(size, block * 4)
        keep = size - block + cut + 1 if cut >= 0 else 0
        if keep < size:
            handle.truncate(keep)


class RowSink:
    """Appends encoded rows to a batch's output, flushing each; ``close`` finishes the file."""

    def __init__(self, path: Path, layout: Layout, grid: list[dict[str, Any]], resume: bool):
        self.path = path
        self.fmt = format_of(path)
        self.layout = layout
        self.grid = grid
        self.target = spool_of(path) if self.fmt == "parquet" else path
        if resume and self.fmt == "parquet" and not self.target.exists() and path.exists():
            _parquet_to_spool(path, self.target)
        fresh = not (resume and self.target.exists())
        if not fresh:
            _drop_torn_line(self.target)
            if self.fmt == "csv":
                self._check_header()
        self.handle = self.target.open("w" if fresh else "a", encoding="utf-8", newline="")
        if fresh and self.fmt == "csv":
            self.write(csv_header(layout.columns))

    def _check_header(self) -> None:
        with self.target.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        if header and header != self.layout.columns:
            raise ResumeError(f"{self.path}: its columns are not those of this batch; cannot resume it")

    def write(self, line: str) -> None:
        self.handle.write(line)
        self.handle.flush()

    def close(self, complete: bool) -> None:
        """Close the file; for Parquet, write the Parquet file from the spool (and drop the spool
        once the batch is complete)."""
        self.handle.close()
        if self.fmt == "parquet":
            values = {p: [point[p] for point in self.grid] for p in self.layout.vary}
            _spool_to_parquet(self.target, self.path, arrow_schema(self.layout, values))
            if complete:
                self.target.unlink()

    def abort(self) -> None:
        """Close the file after a write failed, keeping what is on disk for ``--resume``: a line
        the failure cut short is dropped when it resumes. No Parquet file is written."""
        with suppress(OSError):  # the rest of the line that failed: the first error is reported
            self.handle.close()


def arrow_schema(layout: Layout, vary_values: dict[str, list[Any]]):
    import pyarrow as pa

    def vary_type(values: list[Any]):
        if all(isinstance(v, bool) for v in values):
            return pa.bool_()
        return pa.float64()

    fields = []
    for column in layout.columns:
        if column in ("run", "point", "seed") or column.endswith(".revisions"):
            kind = pa.int64()
        elif column.startswith("vary."):
            kind = vary_type(vary_values[column.removeprefix("vary.")])
        elif (
            column.startswith("sampled.")
            or (column.startswith("draft.") and not column.endswith(".status"))
            or column == SEAT_UTILITY
        ):
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    return pa.schema(fields)


def _spool_to_parquet(spool: Path, path: Path, schema) -> None:
    """Stream the spool into a Parquet file, written beside it and moved into place at the end.

    A fixed number of rows per row group, each parsed on its own: memory stays the same however
    long the spool (pyarrow's streaming JSON reader keeps more the further it reads).
    """
    import pyarrow as pa
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    parse = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    read = pj.ReadOptions(use_threads=False, block_size=1 << 24)
    temporary = temporary_of(path)
    temporary.unlink(missing_ok=True)  # left by a batch killed while it wrote one
    try:
        with pq.ParquetWriter(temporary, schema, compression="zstd") as writer, spool.open("rb") as handle:
            while lines := list(itertools.islice(_whole_byte_lines(handle), ROW_GROUP_ROWS)):
                table = pj.read_json(pa.py_buffer(b"".join(lines)), read_options=read, parse_options=parse)
                writer.write_table(table.select(schema.names))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _whole_byte_lines(handle) -> Iterator[bytes]:
    for line in handle:
        if not line.endswith(b"\n"):
            return
        yield line


def _parquet_to_spool(path: Path, spool: Path) -> None:
    """Rebuild the spool from a Parquet file (when it was removed), so the batch can go on."""
    with spool.open("w", encoding="utf-8") as out:
        for _, row in _parquet_rows(path, votes_as_text=True):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a batch output as dicts, ``votes`` parsed, in file order; for Parquet, the spool
    if the batch is unfinished. Values keep their types (CSV: numbers parsed, empty is None).

    A row that cannot be read is a :class:`ResumeError` naming the file and line (a last line a
    crash cut short is no row: it is left out)."""
    for _, row in numbered_rows(path):
        yield row


def numbered_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """As :func:`read_rows`, each row with its line in the file (for Parquet, its row number)."""
    fmt = format_of(path)
    spool = spool_of(path)
    if fmt == "jsonl" or (fmt == "parquet" and spool.exists()):
        yield from _json_rows(spool if fmt == "parquet" else path)
    elif fmt == "csv":
        yield from _read_csv(path)
    else:
        yield from _parquet_rows(path)


def _json_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _reading(path), path.open(encoding="utf-8") as handle:
        for number, line in enumerate(_whole_lines(handle), start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResumeError(f"not JSON: {exc.msg} (column {exc.colno})", path, number) from None
            except RecursionError:
                raise ResumeError("not a batch row: JSON nested too deeply", path, number) from None
            if not isinstance(row, dict):
                raise ResumeError(f"not a JSON object ({type(row).__name__})", path, number)
            yield number, _with_votes(row, path, number)


def _with_votes(row: dict[str, Any], path: Path, number: int | None, where: str = "") -> dict[str, Any]:
    """The row with ``votes`` parsed (flat formats keep it as JSON text); checked to be a list."""
    if "votes" not in row:
        raise ResumeError(f"{where}not a batch row: it has no 'votes'", path, number)
    votes = row["votes"]
    if isinstance(votes, str):
        try:
            votes = json.loads(votes)
        except json.JSONDecodeError as exc:
            raise ResumeError(f"{where}'votes' is not JSON: {exc.msg}", path, number) from None
        except RecursionError:
            raise ResumeError(f"{where}'votes' is JSON nested too deeply", path, number) from None
    if not isinstance(votes, list):
        raise ResumeError(f"{where}'votes' is not a list", path, number)
    row["votes"] = votes
    return row


def _parquet_rows(path: Path, votes_as_text: bool = False) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of a Parquet output, numbered from 1; a file it cannot read is a ResumeError."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    number = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=5000):
            for row in batch.to_pylist():
                number += 1
                yield number, row if votes_as_text else _with_votes(row, path, None, f"row {number}: ")
    except (pa.ArrowInvalid, OSError) as exc:
        # pyarrow's IOError is an OSError; a truncated or damaged file is ArrowInvalid.
        reason = str(exc).split("\n")[0] or type(exc).__name__
        after = f" after row {number}" if number else ""
        raise ResumeError(f"not a readable Parquet file{after}: {reason}", path) from None


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _reading(path), path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(_whole_lines(handle))
        try:
            for raw in reader:
                yield reader.line_num, _csv_row(raw, path, reader.line_num)
        except csv.Error as exc:
            raise ResumeError(f"not CSV: {exc}", path, reader.line_num) from None


def _csv_row(raw: dict[str | None, Any], path: Path, number: int) -> dict[str, Any]:
    if None in raw:
        raise ResumeError(f"{len(raw[None])} more values than columns", path, number)
    short = [column for column, value in raw.items() if value is None]
    if short:
        raise ResumeError(f"{len(short)} values fewer than columns (from '{short[0]}' on)", path, number)
    row = {}
    for column, value in raw.items():
        try:
            row[column] = _csv_value(column, value)
        except ValueError:
            raise ResumeError(f"{column}: '{value[:40]}' is not a number", path, number) from None
    return _with_votes(row, path, number)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn a file that cannot be read at all (not UTF-8, unreadable) into a ResumeError."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise ResumeError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x})", path) from None
    except OSError as exc:
        raise ResumeError(f"cannot read: {exc.strerror or exc}", path) from None


def _whole_lines(handle) -> Iterator[str]:
    """Lines up to the first one a crash cut short (every row is one line: JSON escapes newlines)."""
    for line in handle:
        if not line.endswith("\n"):
            return
        yield line


def _csv_value(column: str, value: str) -> Any:
    if value == "":
        return None
    if column in JSON_COLUMNS:
        return value  # votes parsed by _with_votes; the others where they are read
    if column in ("run", "point", "seed") or column.endswith(".revisions"):
        return int(value)
    if column == "scenario_hash" or column.endswith(".status"):
        return value
    if value in ("True", "False"):
        return value == "True"
    return float(value)
