"""The community roster file and its loader: the shipped data loads, bad entries are named."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

import pytest

from wp2bot.domain.roster import parse_community

COMMUNITY = Path(__file__).resolve().parents[2] / "data" / "community.toml"


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    with COMMUNITY.open("rb") as handle:
        return tomllib.load(handle)


def test_shipped_roster_has_the_wp2_sites_and_experiments(data: dict[str, object]) -> None:
    roster = parse_community(data)
    sites = {g.name for g in roster.groups if g.kind == "site"}
    experiments = {g.name for g in roster.groups if g.kind == "experiment"}
    assert sites == {
        "CERN", "INFN", "DESY", "GSI", "Nikhef", "RUG", "SURFsara", "CC-IN2P3", "IFAE-PIC",
        "LAPP", "INAF", "AARNet",
    }  # fmt: skip
    assert experiments == {"HL-LHC", "FAIR", "KM3NeT", "SKA", "CTA"}
    by_name = {g.name: g for g in roster.groups}
    assert "IN2P3" in by_name["CC-IN2P3"].aliases
    assert "PIC" in by_name["IFAE-PIC"].aliases
    assert "Square Kilometre Array" in by_name["SKA"].aliases


def test_every_site_and_experiment_has_contacts_and_questions(data: dict[str, object]) -> None:
    for group in parse_community(data).groups:
        if group.kind in ("site", "experiment"):
            assert group.contacts, group.name
            assert group.backups, group.name
            assert group.questions, group.name


def test_shipped_people_include_the_sample_speakers(data: dict[str, object]) -> None:
    people = {p.name: p for p in parse_community(data).people}
    assert people["Xavier Espinal"].aliases == ("Xavi",)
    assert people["Paul Millar"].username == "pmillar"
    assert people["Paul Millar"].site == "DESY"
    assert people["Aristeidis Fkiaras"].aliases == ("Aris",)
    assert people["Rosie Bolton"].experiments == ("SKA",)
    assert "Rizart" in people


def test_group_questions_override_the_defaults() -> None:
    roster = parse_community(
        {
            "questions": {"site": ["Default?"]},
            "site": [{"name": "A"}, {"name": "B", "questions": ["Own?"]}],
        }
    )
    assert [g.questions for g in roster.groups] == [("Default?",), ("Own?",)]


def test_empty_file_is_an_empty_roster() -> None:
    roster = parse_community({})
    assert (roster.people, roster.groups) == ((), ())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["person"][1].pop("name"), "person #2"),
        (lambda d: d["person"][0].update(name="  "), "'name' must be a non-empty string"),
        (lambda d: d["person"][0].update(username="Not Valid!"), "not a Mattermost username"),
        (lambda d: d["person"][0].update(aliases="Xavi"), "'aliases' must be a list"),
        (lambda d: d["person"][0].update(nickname="X"), "unknown key(s) 'nickname'"),
        (lambda d: d["site"][0].update(contacts=["UPPER CASE"]), "site #1 ('CERN')"),
        (lambda d: d["site"][0].update(members=["Nobody Known"]), "Nobody Known"),
        (lambda d: d["experiment"].append({"name": "SKA"}), "'SKA' is listed twice"),
        (lambda d: d["person"].append({"name": "paul millar"}), "listed twice"),
        (lambda d: d.update(sites=[]), "unknown key(s) 'sites'"),
        (lambda d: d.update(site={"name": "X"}), "array of tables"),
        (lambda d: d.update(questions=["x"]), "'questions' must be a table"),
        (lambda d: d["questions"].update(site=[1, 2]), "questions: 'site'"),
    ],
)
def test_bad_entries_raise_a_clear_error(
    data: dict[str, object], mutate: object, message: str
) -> None:
    broken = copy.deepcopy(data)
    mutate(broken)  # type: ignore[operator]
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_community(broken)
