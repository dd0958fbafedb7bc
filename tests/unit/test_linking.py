"""Linking an action's text to the checks it is about, on the example endpoints file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wp2bot.adapters.endpoints_config import EndpointsConfig, load_endpoints
from wp2bot.domain.linking import link_checks, mentioned_sites

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def config() -> EndpointsConfig:
    return load_endpoints(ROOT / "data" / "endpoints.toml")


@pytest.mark.parametrize(
    ("text", "owners", "expected"),
    [
        ("PerfSONAR machines at GSI", [], ["GSI/perfsonar"]),
        ("perfsonars need upgrading", ["Hamburg"], ["DESY/perfsonar"]),
        ("check the dCache tape endpoint", ["DESY"], ["DESY/dcache-tape"]),
        ("EOS space running low at CERN", [], ["CERN/eos-free-space"]),
        ("StoRM webdav token configuration", ["INFN-CNAF"], ["INFN/storm-webdav"]),
        ("CNAF to fix the StoRM certificate", ["CERN"], ["INFN/storm-webdav"]),
        ("GridKa status page certificate renewal", [], ["KIT/web"]),
        ("Write up the minutes of the workshop", ["CERN"], []),
        ("Look into it at GSI", [], []),
    ],
)
def test_link_checks(
    config: EndpointsConfig, text: str, owners: list[str], expected: list[str]
) -> None:
    assert link_checks(text, owners, config.checks, config.site_aliases) == expected


def test_sites_are_found_by_alias_and_short_names_need_whole_words(
    config: EndpointsConfig,
) -> None:
    sites = [c.site for c in config.checks]
    assert mentioned_sites("GSI Darmstadt and DESY-HH", sites, config.site_aliases) == [
        "DESY",
        "GSI",
    ]
    # "gsi" inside another word is not the site
    assert mentioned_sites("the gsiftp door", sites, config.site_aliases) == []
