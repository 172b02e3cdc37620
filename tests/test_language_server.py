"""The shipped files in a real editor's YAML language server (yaml-language-server, over stdio).

It needs Node and the server: CI installs the version pinned in .ci/node/package.json
(`npm ci --prefix .ci/node`) and points DIPLOSIM_YAML_LS at its binary; anyone can do the same,
or put a yaml-language-server on PATH. Without a server the tests are skipped, except when CI is
set: then they fail, so a broken install cannot pass as skipped tests. The JSON Schema itself is
tested in test_schema.py.
"""

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from shared import FIXTURE, IN_CI

from sim.scenario.paths import shipped_scenarios

SERVER = os.environ.get("DIPLOSIM_YAML_LS") or shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(SERVER is None and not IN_CI, reason="yaml-language-server is not installed")
SYRIA = FIXTURE
"""Broken on purpose: the tests' fixture scenario (tests/conftest.py), whose modelines name the
shipped schemas."""


class LanguageServer:
    """Just enough of an LSP client to open documents and read the diagnostics published for them."""

    def __init__(self, command: str) -> None:
        # A file, not a pipe, so a chatty server never blocks on it; closed in close().
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr
        )
        self.buffer = b""
        self.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})
        settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def notify(self, method: str, params: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, id_: int, method: str, params: dict) -> dict:
        body = json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return self.wait_for(lambda m: m.get("id") == id_ and "method" not in m)

    def diagnostics(self, documents: dict[Path, str]) -> dict[Path, list[tuple[int, str]]]:
        """Open each text as if it were the file at its path (never written) and return its (line, message)s.

        All are opened before any answer is read: the server waits 200 ms after a document opens
        before validating it (validationDelayMs, per document), so one at a time costs 200 ms each.
        """
        paths = {path.resolve().as_uri(): path for path in documents}
        for uri, path in paths.items():
            document = {"uri": uri, "languageId": "yaml", "version": 1, "text": documents[path]}
            self.notify("textDocument/didOpen", {"textDocument": document})
        published: dict[Path, list[tuple[int, str]]] = {}
        while len(published) < len(paths):
            message = self.wait_for(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and paths.get(m["params"]["uri"]) not in (None, *published)
                )
            )
            diagnostics = message["params"]["diagnostics"]
            published[paths[message["params"]["uri"]]] = [
                (d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics
            ]
        return published

    def wait_for(self, wanted, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._next(deadline)
            if message is None:
                break
            if "id" in message and "method" in message:  # the server asks for its settings
                items = message.get("params", {}).get("items", [None])
                self._reply(message["id"], [{"validate": True}] * len(items))
            elif wanted(message):
                return message
        raise AssertionError("the language server did not answer in time")

    def _reply(self, id_: int, result) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": id_, "result": result}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _next(self, deadline: float) -> dict | None:
        while time.monotonic() < deadline:
            if b"\r\n\r\n" in self.buffer:
                head, rest = self.buffer.split(b"\r\n\r\n", 1)
                header = next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length"))
                length = int(header.split(b":")[1])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            ready, _, _ = select.select([self.process.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    raise AssertionError(
                        f"the language server exited ({self.process.wait()}): {self._stderr()}"
                    )
                self.buffer += chunk
        return None

    def _stderr(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace").strip()[-2000:] or "(nothing on stderr)"

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        self.stderr.close()


SHIPPED = sorted(shipped_scenarios().rglob("*.yaml"))
PROFILE = SYRIA / "actors" / "russian-federation.yaml"
BREAKAGES = [
    ("\ncapability:", "\ncapabilty:", "Property capabilty is not allowed."),
    ("\nsusceptibility: 0.05", "\nsusceptibility: 5", "Value is above the maximum of 1."),
    ("\nname: Russian Federation", "\nname: [1, 2]", 'Incorrect type. Expected "string".'),
]


def broken_copy(number: int, old: str, new: str) -> tuple[Path, str]:
    """The profile with ``old`` replaced by ``new``: an unsaved file beside the real one (never written)."""
    text = PROFILE.read_text(encoding="utf-8")
    broken = text.replace(old, new, 1)
    assert broken != text
    return PROFILE.with_name(f"unsaved-{number}.yaml"), broken


@pytest.fixture(scope="module")
def published() -> dict[Path, list[tuple[int, str]]]:
    """The diagnostics for every shipped file and every broken copy, from one server opening them all."""
    if SERVER is None:
        pytest.fail(
            "CI is set but yaml-language-server is not installed: .ci/run installs it "
            "(npm ci --prefix .ci/node) and sets DIPLOSIM_YAML_LS to its binary"
        )
    documents = {path: path.read_text(encoding="utf-8") for path in SHIPPED}
    documents.update(broken_copy(number, old, new) for number, (old, new, _) in enumerate(BREAKAGES))
    server = LanguageServer(SERVER)
    try:
        return server.diagnostics(documents)
    finally:
        server.close()


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.shipped
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(shipped_scenarios())))
def test_every_shipped_file_is_clean_in_the_language_server(published, path):
    assert published[path] == []


@pytest.mark.parametrize(("old", "new", "message"), BREAKAGES)
def test_a_broken_profile_is_flagged_at_its_line(published, old, new, message):
    path, broken = broken_copy(BREAKAGES.index((old, new, message)), old, new)
    assert published[path] == [(line_of(broken, new.strip()), message)]
