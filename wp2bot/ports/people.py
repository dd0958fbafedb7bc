"""People known from ingested minutes (beside the community roster)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypedDict


class StoredPerson(Protocol):
    """What services read of a stored person."""

    @property
    def name(self) -> str:
        """The person's name as the minutes write it."""
        ...

    @property
    def username(self) -> str | None:
        """Their chat username, when known."""
        ...


class PersonFields(TypedDict, total=False):
    """The fields of a person an upsert sets; those not given keep their stored values."""

    username: str | None
    site: str | None
    timezone: str | None


class People(Protocol):
    """The stored people."""

    def people(self) -> Sequence[StoredPerson]:
        """Every stored person."""
        ...

    def person_by_username(self, username: str) -> StoredPerson | None:
        """The stored person with ``username`` (compared lower-cased, as Mattermost does)."""
        ...
