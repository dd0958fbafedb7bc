"""The community roster (people, sites, experiments, teams, lists) from data/community.toml."""

from __future__ import annotations

import re
from collections.abc import Mapping

from wp2bot.domain.models import Roster, RosterGroup, RosterPerson

# Table name in the TOML file -> RosterGroup.kind.
GROUP_TABLES = {"site": "site", "experiment": "experiment", "team": "team", "list": "list"}
_PERSON_KEYS = frozenset(
    {"name", "aliases", "username", "site", "experiments", "affiliation", "timezone"}
)
_GROUP_KEYS = frozenset({"name", "aliases", "members", "contacts", "backups", "questions"})
_TOP_KEYS = frozenset({"person", "questions", *GROUP_TABLES})
# Mattermost usernames: lower case letters, digits, ".", "_", "-"; start with a letter.
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,21}$")


def _where(table: str, index: int, entry: Mapping[str, object]) -> str:
    name = entry.get("name")
    return f"{table} #{index + 1}" + (f" ({name!r})" if isinstance(name, str) else "")


def _text(value: object, where: str, key: str, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _texts(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: {key!r} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _usernames(value: object, where: str, key: str) -> tuple[str, ...]:
    names = _texts(value, where, key)
    for name in names:
        if not _USERNAME.match(name):
            raise ValueError(f"{where}: {key!r} holds {name!r}, not a Mattermost username")
    return names


def _entries(data: Mapping[str, object], table: str) -> list[Mapping[str, object]]:
    raw = data.get(table, [])
    if not isinstance(raw, list) or not all(isinstance(e, Mapping) for e in raw):
        raise ValueError(f"{table!r} must be an array of tables ([[{table}]])")
    return list(raw)


def _check_keys(entry: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")


def _person(entry: Mapping[str, object], where: str) -> RosterPerson:
    _check_keys(entry, _PERSON_KEYS, where)
    username = _text(entry.get("username"), where, "username")
    if username is not None and not _USERNAME.match(username):
        raise ValueError(f"{where}: 'username' {username!r} is not a Mattermost username")
    return RosterPerson(
        name=_text(entry.get("name"), where, "name", required=True) or "",
        aliases=_texts(entry.get("aliases"), where, "aliases"),
        username=username,
        site=_text(entry.get("site"), where, "site"),
        experiments=_texts(entry.get("experiments"), where, "experiments"),
        affiliation=_text(entry.get("affiliation"), where, "affiliation"),
        timezone=_text(entry.get("timezone"), where, "timezone"),
    )


def _group(
    entry: Mapping[str, object], kind: str, where: str, default_questions: tuple[str, ...]
) -> RosterGroup:
    _check_keys(entry, _GROUP_KEYS, where)
    questions = _texts(entry.get("questions"), where, "questions")
    return RosterGroup(
        name=_text(entry.get("name"), where, "name", required=True) or "",
        kind=kind,
        aliases=_texts(entry.get("aliases"), where, "aliases"),
        members=_texts(entry.get("members"), where, "members"),
        contacts=_usernames(entry.get("contacts"), where, "contacts"),
        backups=_usernames(entry.get("backups"), where, "backups"),
        questions=questions or default_questions,
    )


def _default_questions(data: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    raw = data.get("questions", {})
    if not isinstance(raw, Mapping):
        raise ValueError("'questions' must be a table of kind = [questions]")
    _check_keys(raw, frozenset(GROUP_TABLES), "questions")
    return {kind: _texts(raw.get(kind), "questions", kind) for kind in GROUP_TABLES}


def parse_community(data: Mapping[str, object]) -> Roster:
    """The roster from the dict tomllib gives for data/community.toml; ValueError names bad data."""
    _check_keys(data, _TOP_KEYS, "community file")
    defaults = _default_questions(data)
    people = tuple(
        _person(e, _where("person", i, e)) for i, e in enumerate(_entries(data, "person"))
    )
    groups: list[RosterGroup] = []
    for table, kind in GROUP_TABLES.items():
        for i, entry in enumerate(_entries(data, table)):
            groups.append(_group(entry, kind, _where(table, i, entry), defaults[kind]))
    _check_unique([p.name for p in people], "person")
    _check_unique([g.name for g in groups], "group")
    known = {p.name for p in people}
    for group in groups:
        missing = [m for m in group.members if m not in known]
        if missing:
            raise ValueError(
                f"{group.kind} {group.name!r}: members not listed as people: {missing}"
            )
    return Roster(people=people, groups=tuple(groups))


def _check_unique(names: list[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            raise ValueError(f"{what} {name!r} is listed twice")
        seen.add(key)
