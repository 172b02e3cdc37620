"""Editing actor profiles safely: checking an edited text in its scenario, changing one number
without touching the rest of the file, previewing the outcome, telling whether another program
changed the file on disk, and where a save may go.

Pure functions of text and files, with no user interface: the terminal app's editor uses them.
"""

from .context import Problem, check_profile_text, editable, files_on_disk, load_edited, profile_files
from .copy import why_not_writable, working_copy
from .disk import Fingerprint, digest, fingerprint
from .fields import FieldError, FormField, form_fields, set_field
from .preview import RUNS, SEED, Cancelled, batch_summary, compare

__all__ = [
    "RUNS",
    "SEED",
    "Cancelled",
    "FieldError",
    "Fingerprint",
    "FormField",
    "Problem",
    "batch_summary",
    "check_profile_text",
    "compare",
    "digest",
    "editable",
    "files_on_disk",
    "fingerprint",
    "form_fields",
    "load_edited",
    "profile_files",
    "set_field",
    "why_not_writable",
    "working_copy",
]
