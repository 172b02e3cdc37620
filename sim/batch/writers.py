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
from pathlib import Path
from typing import Any

from ..errors import OutputFormatError, ResumeError
from .records import Layout

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ROW_GROUP_ROWS = 1000


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise OutputFormatError(f"--out {path}: unknown extension '{path.suffix}'; use one of {known}")
    return fmt


def spool_of(path: Path) -> Path:
    return path.with_name(path.name + ".partial.jsonl")


def summary_of(path: Path) -> Path:
    """Where the summary JSON of the output ``path`` goes: beside it."""
    return path.with_name(path.name + ".summary.json")


def encode(row: dict[str, Any], fmt: str, columns: list[str]) -> str:
    """One row as one line of the format (for Parquet: of its spool). Runs in the workers."""
    if fmt == "jsonl":
        return json.dumps(row, ensure_ascii=False) + "\n"
    flat = dict(row, votes=json.dumps(row["votes"], ensure_ascii=False))
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
        elif column.startswith("sampled.") or (
            column.startswith("draft.") and not column.endswith(".status")
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
    temporary = path.with_name(path.name + ".writing")
    with pq.ParquetWriter(temporary, schema, compression="zstd") as writer, spool.open("rb") as handle:
        while lines := list(itertools.islice(handle, ROW_GROUP_ROWS)):
            table = pj.read_json(pa.py_buffer(b"".join(lines)), read_options=read, parse_options=parse)
            writer.write_table(table.select(schema.names))
    os.replace(temporary, path)


def _parquet_to_spool(path: Path, spool: Path) -> None:
    """Rebuild the spool from a Parquet file (when it was removed), so the batch can go on."""
    import pyarrow.parquet as pq

    with spool.open("w", encoding="utf-8") as out:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=5000):
            for row in batch.to_pylist():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a batch output as dicts, ``votes`` parsed, in file order; for Parquet, the spool
    if the batch is unfinished. Values keep their types (CSV: numbers parsed, empty is None)."""
    fmt = format_of(path)
    spool = spool_of(path)
    if fmt == "jsonl" or (fmt == "parquet" and spool.exists()):
        source = spool if fmt == "parquet" else path
        with source.open(encoding="utf-8") as handle:
            for line in _whole_lines(handle):
                row = json.loads(line)
                if isinstance(row["votes"], str):
                    row["votes"] = json.loads(row["votes"])
                yield row
    elif fmt == "csv":
        yield from _read_csv(path)
    else:
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=5000):
            for row in batch.to_pylist():
                row["votes"] = json.loads(row["votes"])
                yield row


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(_whole_lines(handle))
        for raw in reader:
            yield {column: _csv_value(column, value) for column, value in raw.items()}


def _whole_lines(handle) -> Iterator[str]:
    """Lines up to the first one a crash cut short (every row is one line: JSON escapes newlines)."""
    for line in handle:
        if not line.endswith("\n"):
            return
        yield line


def _csv_value(column: str, value: str) -> Any:
    if value == "":
        return None
    if column == "votes":
        return json.loads(value)
    if column in ("run", "point", "seed") or column.endswith(".revisions"):
        return int(value)
    if column == "scenario_hash" or column.endswith(".status"):
        return value
    if value in ("True", "False"):
        return value == "True"
    return float(value)
