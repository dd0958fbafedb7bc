"""Automatic links from open actions to the checks their text and owners' sites point at.

The first round looks at every open action, unless a mark kept in the database (see
``RelinkMark``) says how far an earlier process got with the same check set and roster: then it
goes on from there as that process would have. Each later round looks at the actions
created since (ids above the highest one looked at), and once every ``RELINK_ALL`` at the open
actions changed since the previous such pass (an edited text or new owners may point at a check
now), read from ``LOOKBACK`` before it so that a change stamped earlier but committed later is
not missed. What a text and its owners' sites link to is remembered, keyed by their digest and
the check set's version, so that an action read twice is matched once; a check set with another
version (a changed endpoints file) shares nothing with the old one.

The mark is saved after each page of the first pass and after each round that moved it, so
that a process stopped half-way resumes where it was.

An action that has a link (made by hand or automatically) is left as it is, and a link removed
by hand is never made again (the store refuses it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from wp2bot.domain.health import EndpointsConfig
from wp2bot.domain.linking import CheckMatcher
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.probe_results import ProbeHistory, RelinkMark, RelinkMarks
from wp2bot.services.paging import id_pages

LINK_PAGE = 1000  # actions read at a time
RELINK_ALL = dt.timedelta(hours=1)  # how often the changed open actions are looked at again
LOOKBACK = dt.timedelta(minutes=10)  # how far before the previous pass changes are read again
MEMO_SIZE = 10_000  # texts whose links are remembered (then the memo starts over)


def open_pages(
    store: ActionReader, after: int = 0, changed_since: dt.datetime | None = None
) -> Iterator[list[ActionRecord]]:
    """Open actions with ids above ``after`` (changed at or after ``changed_since`` when
    given), ``LINK_PAGE`` at a time, so that memory stays flat however many there are."""

    def read(after_id: int, limit: int) -> list[ActionRecord]:
        flt = ActionFilter(
            open_only=True, after_id=after_id, changed_since=changed_since, limit=limit
        )
        return store.actions(flt)

    return id_pages(read, LINK_PAGE, after=after)


def roster_version(index: RosterIndex) -> str:
    """A digest of what the roster tells linking: the people's sites and the groups' kinds."""
    people = sorted((key, p.site or "") for key, p in index.people.items())
    groups = sorted((key, g.name, g.kind) for key, g in index.groups.items())
    return hashlib.sha256(repr((people, groups)).encode()).hexdigest()[:16]


class Relinker:
    """The automatic links of one process (see the module docstring)."""

    def __init__(
        self,
        store: ActionReader,
        probes: ProbeHistory,
        config: EndpointsConfig,
        index: RosterIndex,
        marks: RelinkMarks | None = None,
    ) -> None:
        self.store = store
        self.marks = marks
        self.probes = probes
        self.index = index
        self.matcher = CheckMatcher(config.checks, config.site_aliases)
        self.has_checks = bool(config.checks)
        self.examined_upto = 0  # the highest action id looked at
        self._changes_from: dt.datetime | None = None  # when the last pass over changes began
        self._memo: dict[tuple[str, bytes], tuple[str, ...]] = {}
        self.version = f"{self.matcher.version}:{roster_version(index)}"
        self._saved: RelinkMark | None = None  # the mark as stored

    def _resume(self) -> None:
        """Take over the stored mark when it was made with this check set and roster."""
        found = self.marks.relink_mark() if self.marks is not None else None
        self._saved = found
        if found is not None and found.version == self.version:
            self.examined_upto = found.examined_upto
            self._changes_from = found.changes_from

    def _save(self) -> None:
        """Store the mark when it moved (nothing before the first round began)."""
        if self.marks is None or self._changes_from is None:
            return
        mark = RelinkMark(self.version, self.examined_upto, self._changes_from)
        if mark != self._saved:
            self.marks.save_relink_mark(mark)
            self._saved = mark

    def tick(self, now: dt.datetime) -> int:
        """One scheduler round: everything the first time, then new actions, and every
        ``RELINK_ALL`` the changed ones. Returns the links made."""
        if self._changes_from is None:
            self._resume()
        if self._changes_from is None:
            self._changes_from = now
            return self.link()
        made = self.link(after=self.examined_upto)
        if now - self._changes_from >= RELINK_ALL:
            made += self.link(changed_since=self._changes_from - LOOKBACK)
            self._changes_from = now
        self._save()
        return made

    def link(self, after: int = 0, changed_since: dt.datetime | None = None) -> int:
        """Link the open actions with ids above ``after`` (and changed at or after
        ``changed_since`` when given) that have no link yet. Returns the links made."""
        if not self.has_checks:
            return 0
        made = 0
        for page in open_pages(self.store, after, changed_since):
            existing = self.probes.links([rec.id for rec in page])
            pairs = [
                (rec.id, cid)
                for rec in page
                if rec.id not in existing
                for cid in self._checks_of(rec)
            ]
            made += self.probes.link_automatic(pairs)
            if changed_since is None:
                self.examined_upto = max(self.examined_upto, page[-1].id)
                self._save()
        return made

    def _checks_of(self, rec: ActionRecord) -> tuple[str, ...]:
        """The checks ``rec``'s text and its owners' sites point at, matched once per text."""
        sites = sorted(self.index.sites(rec))
        digest = hashlib.blake2b(digest_size=16)
        for part in (rec.text, *sites):
            digest.update(part.encode())
            digest.update(b"\0")
        key = (self.matcher.version, digest.digest())
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = tuple(self.matcher.link(rec.text, sites))
            self._memo[key] = found
        return found
