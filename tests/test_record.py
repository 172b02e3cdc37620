"""A scenario's record of votes (``record:``): its own file's, never a base's; inside its tree;
outside the digest; taken along by the editor's working copy. Read strictly, line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.edit import working_copy
from sim.errors import InputFileError, ScenarioPathError, ScenarioReferenceError
from sim.power.history import JULY_2012, MAX_RECORD_BYTES, read_record, recorded_votes
from sim.scenario.loading import load_scenario
from sim.scenario.record import inherited_record, named_record, own_record


def variant(project: Path, *lines: str, name: str = "what-if") -> Path:
    """A variant of the project's copy of the fixture, with ``lines`` added to its scenario.yaml."""
    folder = project / "scenarios" / name
    folder.mkdir()
    text = "\n".join(["include: ../syria-2012-07", f"id: {name}", "title: What if", *lines, ""])
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return folder


def last_line(folder: Path) -> int:
    return len((folder / "scenario.yaml").read_text(encoding="utf-8").splitlines())


def test_a_scenario_names_its_own_record(recorded_copy):
    record = own_record(load_scenario(recorded_copy))
    assert record is not None and record.path == (recorded_copy / "votes.csv").resolve()
    assert record.named == "votes.csv" and record.line == last_line(recorded_copy)


def test_a_variant_does_not_take_its_bases_record(recorded_copy):
    what_if = load_scenario(variant(recorded_copy.parent.parent, "parameters: {noise: 0.1}"))
    assert own_record(what_if) is None
    assert inherited_record(what_if).path == (recorded_copy / "votes.csv").resolve()
    assert named_record(what_if.document).file == (recorded_copy / "scenario.yaml").resolve()


def test_a_variant_may_name_a_record_or_none(recorded_copy):
    project = recorded_copy.parent.parent
    named = load_scenario(variant(project, "record: ../syria-2012-07/votes.csv", name="same-votes"))
    assert own_record(named).path == (recorded_copy / "votes.csv").resolve()
    assert inherited_record(named) is None
    none = load_scenario(variant(project, "record: null", name="no-votes"))
    assert own_record(none) is None and inherited_record(none) is None


def test_a_scenario_without_a_record_has_none(syria):
    assert own_record(syria) is None and inherited_record(syria) is None


def test_the_record_is_not_part_of_the_digest(scenario_copy, syria):
    before = load_scenario(scenario_copy).digest
    (scenario_copy / "votes.csv").write_bytes(JULY_2012.read_bytes())
    with (scenario_copy / "scenario.yaml").open("a", encoding="utf-8") as file:
        file.write("record: votes.csv\n")
    assert load_scenario(scenario_copy).digest == before == syria.digest


@pytest.mark.parametrize("named", ["../../../outside.csv", "/etc/passwd"])
def test_a_record_outside_the_scenarios_tree_is_refused(scenario_copy, named):
    (scenario_copy.parent.parent.parent / "outside.csv").write_bytes(JULY_2012.read_bytes())
    with (scenario_copy / "scenario.yaml").open("a", encoding="utf-8") as file:
        file.write(f"record: {named}\n")
    loaded = load_scenario(scenario_copy)  # a run never reads it: only a backtest refuses it
    with pytest.raises(ScenarioPathError) as caught:
        own_record(loaded)
    where = f"{(scenario_copy / 'scenario.yaml').resolve()}:{last_line(scenario_copy)}"
    assert str(caught.value).startswith(f"{where}: record: '{named}' is outside the scenario's tree")


def test_a_link_out_of_the_tree_is_refused(scenario_copy, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "votes.csv"
    elsewhere.write_bytes(JULY_2012.read_bytes())
    (scenario_copy / "votes.csv").symlink_to(elsewhere)
    with (scenario_copy / "scenario.yaml").open("a", encoding="utf-8") as file:
        file.write("record: votes.csv\n")
    with pytest.raises(ScenarioPathError, match=r"record: 'votes\.csv' is outside the scenario's tree"):
        own_record(load_scenario(scenario_copy))


def test_a_missing_record_names_the_line_that_names_it(recorded_copy):
    (recorded_copy / "votes.csv").unlink()
    with pytest.raises(ScenarioReferenceError) as caught:
        own_record(load_scenario(recorded_copy))
    where = f"{(recorded_copy / 'scenario.yaml').resolve()}:{last_line(recorded_copy)}"
    assert str(caught.value) == f"{where}: record: no file at votes.csv"


def test_the_working_copy_takes_the_record_along(recorded_copy, tmp_path):
    what_if = load_scenario(variant(recorded_copy.parent.parent, "parameters: {noise: 0.1}"))
    copy = working_copy(what_if, tmp_path / "work")
    assert (copy.parent / "syria-2012-07" / "votes.csv").read_bytes() == JULY_2012.read_bytes()
    assert own_record(load_scenario(copy.parent / "syria-2012-07")) is not None


# -- reading a record -------------------------------------------------------------------------------

HEADER = "vote_id,date,symbol,member,permanent,vote\n"
ROW = "V1,2012-07-19,S/2012/538,China,yes,N\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1: empty; a record starts with the header vote_id,date,symbol,member,permanent,vote"),
        (
            "vote_id,date,symbol,member,vote\n",
            "1: missing column(s) permanent (a record has vote_id,date,symbol,member,permanent,vote)",
        ),
        (HEADER.replace("vote\n", "vote,notes\n"), "1: unknown column(s) 'notes' (a record has"),
        (HEADER.replace("date", "vote_id"), "1: column 'vote_id' twice in the header"),
        (HEADER + "V1,2012-07-19,S/2012/538,China,yes\n", "2: 5 fields, expected 6"),
        (HEADER + "\n" + ROW.replace("China", " "), "3: member: empty"),
        (HEADER + ROW.replace("2012-07-19", "19/07/2012"), "2: date: '19/07/2012' is not a date"),
        (HEADER + ROW.replace("yes", "perhaps"), "2: permanent: 'perhaps' is not yes or no"),
        (HEADER + ROW.replace(",N", ",Q"), "2: vote: 'Q' is not one of Y, N, A, X"),
        (
            HEADER + ROW + ROW.replace(",N", ",Y"),
            "3: a second ballot of China on S/2012/538 (the first is on line 2)",
        ),
        (
            HEADER + ROW + ROW.replace("China", "France").replace("-19", "-20"),
            "3: the roll call on S/2012/538 is 'V1' of 2012-07-19 (line 2), not 'V1' of 2012-07-20",
        ),
        (HEADER + ROW + 'V1,2012-07-19,"S/2012/538,France,yes,Y\n', "3: not CSV: unexpected end of data"),
        (HEADER + ROW + "V1,2012-07-19,S/2012/538,\0,yes,Y\n", "3: binary file (contains a NUL byte)"),
    ],
)
def test_a_record_is_read_strictly(tmp_path, text, message):
    path = tmp_path / "votes.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_record(path)
    assert str(caught.value).startswith(f"{path}:{message}")


def test_a_record_may_have_a_bom_crlf_blank_lines_and_spaces(tmp_path):
    text = JULY_2012.read_text(encoding="utf-8").replace(",N\n", ", n \n").replace("\n", "\r\n\r\n")
    path = tmp_path / "votes.csv"
    path.write_text("\ufeff" + text, encoding="utf-8", newline="")
    assert recorded_votes(path) == recorded_votes()
    assert [call.line for call in read_record(path)] == [3, 33]


def test_a_record_too_large_or_not_a_file_is_refused(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text(HEADER + ROW * (MAX_RECORD_BYTES // len(ROW) + 1), encoding="utf-8")
    with pytest.raises(InputFileError, match="larger than 1,000,000 bytes"):
        read_record(big)
    with pytest.raises(InputFileError, match="is a folder, not a file"):
        read_record(tmp_path)
