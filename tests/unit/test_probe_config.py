"""Loading data/endpoints.toml: the shipped example, and errors that say where and what."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from wp2bot.adapters.endpoints_config import EndpointsConfigError, load_endpoints, parse_endpoints
from wp2bot.domain.health import CheckKind, Credentials

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "endpoints.toml"


def test_example_file_has_the_seed_groups_kinds_of_endpoints() -> None:
    config = load_endpoints(EXAMPLE)
    by_id = {c.id: c for c in config.checks}
    assert {c.site for c in config.checks} >= {"CERN", "DESY", "INFN", "GSI"}
    assert {c.protocol for c in config.checks if c.kind is CheckKind.STORAGE} == {
        "root",
        "https",
        "davs",
    }
    assert {c.kind for c in config.checks} == set(CheckKind)
    eos = by_id["CERN/eos-root"]
    assert eos.credentials == Credentials(
        token_file="/etc/wp2bot/tokens/cern.token", ca="/etc/grid-security/certificates"
    )
    assert (eos.qos, eos.interval_s, eos.timeout_s) == ("disk", 300.0, 30.0)
    assert by_id["DESY/dcache-davs"].interval_s == 600.0
    assert by_id["GSI/perfsonar"].target == "perfsonar.gsi.example.org:443"
    alerts = by_id["INFN/alerts"].prometheus
    assert alerts is not None
    assert (alerts.alertname, alerts.labels) == ("StorageEndpointDown", (("site", "INFN"),))
    assert config.site_aliases["GSI"] == ("GSI Darmstadt", "FAIR")
    assert config.site_dashboards["CERN"].startswith("https://grafana.example.org/")
    (downtime,) = config.downtimes
    assert downtime.check_id == "DESY/dcache-tape"
    assert downtime.start == dt.datetime(2025, 1, 13, 8, tzinfo=dt.UTC)
    hosts = [c.target.split("://")[-1].split("/")[0].split(":")[0] for c in config.checks]
    assert all(h.endswith(".example.org") for h in hosts), hosts


def parse(text: str) -> None:
    parse_endpoints(tomllib.loads(text), "endpoints.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[endpoint]]\nsite = "CERN"\nname = "eos"\nurl = "ftp://h/p"',
            r"\[\[endpoint\]\] #1 \(CERN/eos\): url scheme 'ftp'",
        ),
        (
            '[[endpoint]]\nsite = "CERN"\nname = "eos"\nurll = "root://h//p"',
            r"#1: unknown key\(s\) urll",
        ),
        (
            '[[endpoint]]\nname = "eos"\nurl = "root://h//p"',
            r"#1: 'site' must be a non-empty string",
        ),
        (
            '[[check]]\nsite = "GSI"\nname = "ps"\nkind = "ping"\ntarget = "h:1"',
            r"unknown kind 'ping'",
        ),
        (
            '[[check]]\nsite = "GSI"\nname = "w"\nurl = "https://h/"\nstatus = [999]',
            r"'status' must be an HTTP status code",
        ),
        (
            '[[endpoint]]\nsite = "A"\nname = "x"\nurl = "root://h//p"\n'
            '[[endpoint]]\nsite = "A"\nname = "x"\nurl = "root://h//q"',
            r"#2: duplicate id A/x",
        ),
        (
            '[[endpoint]]\nsite = "A"\nname = "x"\nurl = "root://h//p"\ninterval = -5',
            r"'interval' must be a non-negative number",
        ),
        (
            '[[endpoint]]\nsite = "A"\nname = "x"\nurl = "root://h//p"\n'
            '[endpoint.credentials]\nkey = "/k.pem"',
            r"credentials: 'key' needs 'cert'",
        ),
        (
            '[[downtime]]\nsite = "A"\nstart = 2025-01-02T00:00:00\nend = 2025-01-03T00:00:00Z',
            r"\[\[downtime\]\] #1: 'start' must be a TOML date-time with an offset",
        ),
        (
            '[[downtime]]\nsite = "A"\nstart = 2025-01-03T00:00:00Z\nend = 2025-01-02T00:00:00Z',
            r"'end' must be after 'start'",
        ),
        (
            '[[check]]\nsite = "A"\nname = "q"\nkind = "prometheus_query"\nurl = "http://p"',
            r"'query'",
        ),
        ("[endpoints]\nx = 1", r"unknown key\(s\) endpoints"),
    ],
)
def test_errors_name_the_entry_and_the_key(text: str, message: str) -> None:
    with pytest.raises(EndpointsConfigError, match=message):
        parse(text)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(EndpointsConfigError, match="cannot read"):
        load_endpoints(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[endpoint]\n")
    with pytest.raises(EndpointsConfigError, match="not valid TOML"):
        load_endpoints(bad)
