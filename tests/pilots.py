"""Pressing keys in the app as a player does: each key once the app waits for one.

A pilot's ``press`` returns when the process looks idle, which on a busy machine can be before a
step of play (n, v: a worker) has begun or has pushed the dialog it waits on; a key pressed then
reaches the chamber instead of the dialog. ``settle`` waits for the state a player sees before
pressing the next key.
"""

from __future__ import annotations

import time

from textual.pilot import Pilot
from textual.screen import ModalScreen

SETTLE_SECONDS = 60.0
"""How long ``settle`` waits before it says what the app is still doing."""


def waits_for_a_key(app) -> bool:
    """No worker is at work, but those waiting for the answer of the dialog on top (the chamber's
    step waits for a ballot, a roll call or a question)."""
    top = app.screen
    busy = [worker for worker in app.workers if not worker.is_finished]
    return all(isinstance(top, ModalScreen) and worker.node is not top for worker in busy)


async def settle(pilot: Pilot) -> None:
    """Until the app waits for a key (``waits_for_a_key``), its messages handled."""
    deadline = time.monotonic() + SETTLE_SECONDS
    await pilot.pause()
    while not waits_for_a_key(pilot.app):
        if time.monotonic() > deadline:
            busy = [f"{w.name} on {type(w.node).__name__}: {w.state.name}" for w in pilot.app.workers]
            raise AssertionError(f"still busy on {type(pilot.app.screen).__name__}: {busy}")
        await pilot.pause(0.01)
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press each key once the app waits for it, then wait for the app to settle."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
