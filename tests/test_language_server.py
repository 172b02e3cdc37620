"""The shipped files in a real editor's YAML language server (yaml-language-server, over stdio).

It needs Node: `npm install -g yaml-language-server`, or point DIPLOSIM_YAML_LS at its binary.
Without it the tests are skipped; the JSON Schema itself is tested in test_schema.py.
"""

import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from shared import FIXTURE

from sim.scenario.paths import shipped_scenarios

SERVER = os.environ.get("DIPLOSIM_YAML_LS") or shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(SERVER is None, reason="yaml-language-server is not installed")
SYRIA = FIXTURE
"""Broken on purpose: the tests' fixture scenario (tests/conftest.py), whose modelines name the
shipped schemas."""


class LanguageServer:
    """Just enough of an LSP client to open documents and read the diagnostics published for them."""

    def __init__(self, command: str) -> None:
        self.process = subprocess.Popen(
            [command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
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

    def diagnostics(self, path: Path, text: str) -> list[tuple[int, str]]:
        """Open ``text`` as if it were the file at ``path`` (never written) and return (line, message)."""
        uri = path.resolve().as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        return [(d["range"]["start"]["line"] + 1, d["message"]) for d in message["params"]["diagnostics"]]

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
                self.buffer += os.read(self.process.stdout.fileno(), 65536)
        return None

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def server():
    ls = LanguageServer(SERVER)
    yield ls
    ls.close()


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.shipped
@pytest.mark.parametrize(
    "path",
    sorted(shipped_scenarios().rglob("*.yaml")),
    ids=lambda p: str(p.relative_to(shipped_scenarios())),
)
def test_every_shipped_file_is_clean_in_the_language_server(server, path):
    assert server.diagnostics(path, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("\ncapability:", "\ncapabilty:", "Property capabilty is not allowed."),
        ("\nsusceptibility: 0.05", "\nsusceptibility: 5", "Value is above the maximum of 1."),
        ("\nname: Russian Federation", "\nname: [1, 2]", 'Incorrect type. Expected "string".'),
    ],
)
def test_a_broken_profile_is_flagged_at_its_line(server, old, new, message):
    text = (SYRIA / "actors" / "russian-federation.yaml").read_text(encoding="utf-8")
    broken = text.replace(old, new, 1)
    assert broken != text
    unsaved = SYRIA / "actors" / f"unsaved-{abs(hash(new))}.yaml"  # beside the real file, never written
    assert server.diagnostics(unsaved, broken) == [(line_of(broken, new.strip()), message)]
