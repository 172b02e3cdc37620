"""The common numbers of a profile as a form: each change edits that number in the same text.

A number given as a distribution (``{low, high}`` or ``{mean, sd}``) shows one field per part, so
either end (or the mean and spread) can be changed; turning a plain number into a distribution,
or back, is done in the text view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static

from sim.edit import FieldError, FormField
from sim.edit.fields import number_text

from ..format import escape


def field_id(path: tuple[str, ...]) -> str:
    return "field-" + "-".join(path)


class ProfileForm(VerticalScroll):
    """Posts ``FieldEdited`` for each change that reads as a number."""

    BORDER_TITLE = "Form"

    class FieldEdited(Message):
        def __init__(self, path: tuple[str, ...], value: str) -> None:
            super().__init__()
            self.path, self.value = path, value

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields: dict[str, FormField] = {}

    def compose(self) -> ComposeResult:
        yield Static(
            "Each change is written into the profile's text at once; comments and layout stay.",
            classes="hint",
        )

    async def show(self, fields: list[FormField]) -> None:
        """Rebuild the form for these fields (when the form is opened, not while typing in it)."""
        await self.query(".form-row").remove()
        self.fields = {field_id(f.path): f for f in fields}
        rows = []
        for field in fields:
            placeholder = f"{field.default:g} (default)" if field.default is not None else ""
            rows.append(
                Horizontal(
                    Label(escape(field.label), classes="form-label"),
                    Input(field.text or "", placeholder=placeholder, id=field_id(field.path), compact=True),
                    classes="form-row",
                )
            )
        await self.mount_all(rows)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        field = self.fields.get(event.input.id or "")
        if field is None:
            return
        try:
            number_text(event.value)
        except FieldError:
            event.input.add_class("-invalid")
            if not event.value.strip() and field.text:  # cleared: the profile keeps what it says
                event.input.placeholder = f"a number (the profile says {field.text})"
            return
        event.input.remove_class("-invalid")
        if event.value.strip() != (field.text or ""):
            self.post_message(self.FieldEdited(field.path, event.value))

    def written(self, path: tuple[str, ...], text: str) -> None:
        """Remember what the text now holds, so the same value is not written twice."""
        key = field_id(path)
        if key in self.fields:
            old = self.fields[key]
            self.fields[key] = FormField(old.path, old.label, text, old.default)
