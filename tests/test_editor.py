"""The profile editor's engine side: checking an edited text in its scenario, atomic saves,
one-number edits that keep every other byte, the preview against a real `diplosim batch`, and
working copies of scenarios that are not the user's. Real files in tmp_path, real runs."""

import json
import os
import stat

import pytest
from shared import DATA, FIXTURE
from terminal import diplosim

from sim import DiplosimError, load_scenario
from sim.atomic import write_atomic
from sim.edit import (
    FieldError,
    batch_summary,
    check_profile_text,
    compare,
    digest,
    fingerprint,
    form_fields,
    load_edited,
    profile_files,
    set_field,
    why_not_writable,
    working_copy,
)
from sim.edit.copy import PACKAGE_DATA
from sim.errors import InputFileError

RUSSIA = "actors/russian-federation.yaml"


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# -- checking an edited text in its scenario -------------------------------------------------------


def test_a_valid_edit_gives_the_scenario_a_run_of_the_saved_file_would_use(scenario_copy):
    file = scenario_copy / RUSSIA
    text = file.read_text().replace("capability: 0.8", "capability: 0.5")
    problems, edited = check_profile_text(text, file, scenario_copy)
    assert problems == []
    file.write_text(text)
    assert edited.digest == load_scenario(scenario_copy).digest
    assert edited.spec.actors["russian-federation"].capability == 0.5


@pytest.mark.parametrize(
    ("old", "new", "at", "words"),
    [
        (
            "capability: 0.8",
            "capability: 8",
            "capability: 8",
            "capability: 8.0 is outside the allowed range 0 to 1",
        ),
        (
            "  transition: 10",
            "  transitio: 10",
            "  transitio",
            "ideal.transitio: unknown dimension 'transitio'",
        ),
        ("  mission: 75", "  mission: [75", "salience:", "did not find expected ',' or ']'"),
        (
            "kind: state",
            "kind: stat",
            "kind: stat",
            "kind: Input should be 'state', 'group' or 'organisation'",
        ),
    ],
)
def test_a_problem_is_the_engines_own_words_at_its_line(scenario_copy, old, new, at, words):
    file = scenario_copy / RUSSIA
    text = file.read_text().replace(old, new)
    problems, edited = check_profile_text(text, file, scenario_copy)
    assert edited is None and len(problems) == 1
    assert problems[0].line == line_of(text, at)
    assert words in problems[0].message
    file.write_text(text)  # the loader of `diplosim run` says the same, at the same line
    with pytest.raises(DiplosimError) as caught:
        load_scenario(scenario_copy)
    assert (caught.value.message, caught.value.line) == (problems[0].message, problems[0].line)


def test_a_problem_the_edit_causes_in_another_file_names_that_file(scenario_copy):
    file = scenario_copy / RUSSIA
    text = file.read_text().replace("id: russian-federation", "id: russia")
    [problem], _ = check_profile_text(text, file, scenario_copy)
    assert problem.line is None
    assert "unknown actor 'russian-federation'" in problem.message
    assert problem.where.split(":")[0].endswith(".yaml") and RUSSIA not in problem.where


def test_a_base_profile_is_checked_in_the_variant_that_overrides_it(tmp_path):
    import shutil

    shutil.copytree(DATA / "seeds", tmp_path / "seeds")
    for name in ("fixture-2012-07", "china-abstains"):
        shutil.copytree(DATA / "scenarios" / name, tmp_path / "scenarios" / name)
    variant = tmp_path / "scenarios" / "china-abstains"
    china = profile_files(load_scenario(variant))["china"]
    assert china == (tmp_path / "scenarios/fixture-2012-07/actors/china.yaml").resolve()
    edited = load_edited(variant, china, china.read_text().replace("capability: 0.6", "capability: 0.7"))
    assert edited.spec.actors["china"].costs.veto == 0.75  # the variant's override still applies
    assert edited.spec.actors["china"].capability == 0.7


# -- atomic saves ------------------------------------------------------------------------------------


def test_an_atomic_write_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "profile.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new: ü\r\n")
    assert target.read_bytes() == "new: ü\r\n".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["profile.yaml"]


@pytest.mark.parametrize("fails", ["fsync", "replace", "write"])
def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch, fails):
    target = tmp_path / "profile.yaml"
    old = b"# comment\nid: x  # kept\n"
    target.write_bytes(old)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fails, broken)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "id: y\n" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == old
    assert os.listdir(tmp_path) == ["profile.yaml"]  # no temporary file left behind


# -- one number changed, every other byte kept ------------------------------------------------------


@pytest.mark.shipped
def test_every_number_of_every_shipped_profile_changes_alone_and_back(root):
    dims = ["coercion", "transition", "mission"]
    for file in sorted((root / "scenarios").glob("*/actors/*.yaml")):
        text = file.read_text()
        for field in form_fields(text, dims):
            if field.text is None:
                continue
            changed = set_field(text, field.path, "42.5")
            before, after = text.splitlines(keepends=True), changed.splitlines(keepends=True)
            differ = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
            assert len(differ) == 1, (file, field)
            line = before[differ[0]]
            assert after[differ[0]] == line.replace(field.text, "42.5", 1) or "42.5" in after[differ[0]]
            assert len(after[differ[0]]) - len(line) == len("42.5") - len(field.text)
            assert set_field(changed, field.path, field.text) == text, (file, field)


def test_a_distribution_is_edited_one_end_at_a_time():
    text = "ideal:\n  coercion: {low: 0, high: 8}   # a range\n"
    assert set_field(text, ("ideal", "coercion", "high"), "20") == (
        "ideal:\n  coercion: {low: 0, high: 20}   # a range\n"
    )
    with pytest.raises(FieldError, match="not a single number"):
        set_field(text, ("ideal", "coercion"), "5")


def test_a_field_left_out_is_added_without_changing_any_other_line():
    text = (FIXTURE / "actors/togo.yaml").read_text()
    changed = set_field(text, ("costs", "veto"), "0.5")
    lines = changed.splitlines(keepends=True)
    added = lines.index("  veto: 0.5\n")
    assert lines[:added] + lines[added + 1 :] == text.splitlines(keepends=True)


def test_a_field_that_cannot_be_added_cleanly_is_refused_not_reformatted():
    text = "id: x\ncosts:\n      against: 0.3   # odd indentation\nideal:\n    a: [1,2]\n"
    with pytest.raises(FieldError, match="text view"):
        set_field(text, ("costs", "veto"), "0.5")


@pytest.mark.parametrize("value", ["abc", "nan", "1e999", "0x1g", ""])
def test_only_numbers_are_written(value):
    with pytest.raises(FieldError):
        set_field("capability: 0.1\n", ("capability",), value)


# -- the preview is a batch -------------------------------------------------------------------------


def test_the_preview_equals_diplosim_batch_on_the_saved_edit(scenario_copy):
    # Each permanent member prices its veto alone (with the blame shared, China's veto would hide
    # what a dearer Russian veto does): docs/model.md 4.3.
    scenario = scenario_copy / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("parameters:\n", "parameters:\n  shared_blame: 0\n"))
    file = scenario_copy / RUSSIA
    text = set_field(file.read_text(), ("costs", "veto", "low"), "0.8")
    text = set_field(text, ("costs", "veto", "high"), "0.9")
    saved = batch_summary(load_scenario(scenario_copy), runs=40, seed=5)
    edited = batch_summary(load_edited(scenario_copy, file, text), runs=40, seed=5)
    write_atomic(file, text)
    done = diplosim("batch", scenario_copy, "--runs", 40, "--seed", 5, "--json", "--workers", 2)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == edited
    changes = compare(saved, edited)
    first = changes[0]
    assert first.symbol == "S/2012/538"
    adopted = first.outcomes[0]
    assert adopted.label == "adopted" and adopted.delta > 0  # a dearer veto lets the draft through
    russia = next(lean for lean in first.leanings if lean[0] == "Russian Federation")
    assert russia[1] == "no" and russia[3] != "no"


def test_a_stale_preview_stops(syria):
    from sim.edit import Cancelled

    calls = []
    with pytest.raises(Cancelled):
        batch_summary(syria, runs=40, seed=1, cancelled=lambda: True, progress=lambda d, t: calls.append(d))
    assert calls == []


# -- where a save goes --------------------------------------------------------------------------------


def test_shipped_and_unwritable_files_are_not_edited_in_place(tmp_path):
    assert why_not_writable(PACKAGE_DATA / "scenarios/x/actors/y.yaml") == (
        "shipped inside the installed diplosim package"
    )
    assert why_not_writable(tmp_path / "mine.yaml") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_not_edited_in_place(tmp_path):
    folder = tmp_path / "actors"
    folder.mkdir()
    (folder / "x.yaml").write_text("id: x\n")
    folder.chmod(0o555)
    try:
        assert why_not_writable(folder / "x.yaml") == "not writable"
    finally:
        folder.chmod(0o755)


def test_a_working_copy_holds_everything_the_scenario_reads(tmp_path):
    variant = load_scenario(DATA / "scenarios/china-abstains")
    copy = working_copy(variant, tmp_path / "work")
    assert copy == tmp_path / "work/scenarios/china-abstains"
    assert load_scenario(copy).digest == variant.digest
    assert (tmp_path / "work/scenarios/fixture-2012-07/actors/china.yaml").is_file()
    assert working_copy(variant, tmp_path / "work") == copy  # identical files: reused
    mine = tmp_path / "work/scenarios/fixture-2012-07/actors/china.yaml"
    mine.write_text(mine.read_text() + "# my edit\n")
    with pytest.raises(DiplosimError, match="already there"):
        working_copy(variant, tmp_path / "work")
    assert mine.read_text().endswith("# my edit\n")


# -- what is on disk ----------------------------------------------------------------------------------


def test_a_fingerprint_tells_content_apart_whatever_the_time_and_size(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_text("capability: 0.8\n")
    before, info = fingerprint(file), file.stat()
    assert before == digest("capability: 0.8\n") == digest(b"capability: 0.8\n")
    file.write_text("capability: 0.7\n")
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert fingerprint(file) != before
    file.unlink()
    assert fingerprint(file) is None
    assert fingerprint(tmp_path) is None  # a folder


def test_a_fingerprint_never_waits_on_a_fifo(tmp_path):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    assert fingerprint(fifo) is None


# -- what a working copy copies ----------------------------------------------------------------------

CHINA = "actors/china.yaml"


def test_a_working_copy_keeps_each_files_permission_bits(scenario_copy, tmp_path):
    (scenario_copy / CHINA).chmod(0o640)
    (scenario_copy / RUSSIA).chmod(0o600)
    (scenario_copy / "scenario.yaml").chmod(0o644)
    old = os.umask(0o077)  # the copy's modes are the sources', whatever the umask
    try:
        copy = working_copy(load_scenario(scenario_copy), tmp_path / "work")
    finally:
        os.umask(old)
    assert stat.S_IMODE((copy / CHINA).stat().st_mode) == 0o640
    assert stat.S_IMODE((copy / RUSSIA).stat().st_mode) == 0o600
    assert stat.S_IMODE((copy / "scenario.yaml").stat().st_mode) == 0o644
    assert (copy / CHINA).read_bytes() == (scenario_copy / CHINA).read_bytes()


def test_a_read_only_source_gives_a_copy_its_owner_may_edit(scenario_copy, tmp_path):
    (scenario_copy / CHINA).chmod(0o440)
    copy = working_copy(load_scenario(scenario_copy), tmp_path / "work")
    assert stat.S_IMODE((copy / CHINA).stat().st_mode) == 0o640


def make_link_out(file, outside):
    outside.write_bytes(file.read_bytes())
    file.unlink()
    file.symlink_to(outside)


def make_fifo(file, outside):
    file.unlink()
    os.mkfifo(file)


@pytest.mark.parametrize(("replace", "words"), [(make_link_out, "symbolic link"), (make_fifo, "FIFO")])
def test_a_working_copy_refuses_what_is_not_a_regular_file_of_the_scenario(
    scenario_copy, tmp_path, replace, words
):
    scenario = load_scenario(scenario_copy)
    replace(scenario_copy / CHINA, tmp_path / "elsewhere.yaml")  # after loading: the copy looks itself
    with pytest.raises(InputFileError, match=words) as caught:
        working_copy(scenario, tmp_path / "work")
    assert caught.value.path == scenario_copy / CHINA
    assert not (tmp_path / "work").exists()  # nothing copied


def test_a_working_copy_refuses_a_folder_reached_through_a_link(scenario_copy, tmp_path):
    scenario = load_scenario(scenario_copy)
    actors = scenario_copy / "actors"
    actors.rename(tmp_path / "other-actors")
    actors.symlink_to(tmp_path / "other-actors")
    with pytest.raises(InputFileError, match="symbolic link"):
        working_copy(scenario, tmp_path / "work")


def test_a_working_copy_never_writes_through_a_link_left_where_it_copies(scenario_copy, tmp_path):
    scenario = load_scenario(scenario_copy)
    target = tmp_path / "work/scenarios/syria-2012-07" / CHINA
    target.parent.mkdir(parents=True)
    target.symlink_to(tmp_path / "planted.yaml")  # dangling: a plain copy would create planted.yaml
    with pytest.raises(InputFileError, match="symbolic link") as caught:
        working_copy(scenario, tmp_path / "work")
    assert caught.value.path == target
    assert not (tmp_path / "planted.yaml").exists()
