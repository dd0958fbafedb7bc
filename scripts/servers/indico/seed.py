"""Demo data for the test Indico, written through Indico's own operations.

Run with the Indico virtualenv's python and INDICO_CONFIG set (start.sh does both; tests read
INDICO_PYTHON and INDICO_CONFIG from indico.env):

    seed.py seed --summary FILE          demo category and meetings (idempotent)
    seed.py add-category TITLE           a new category; prints {"id": N}
    seed.py add-meetings SPEC.json       one meeting or a list; prints [{"id", "contributions"...}]
    seed.py set-note EVENT FILE [--contribution ID | --subcontribution ID | --session ID]
                                [--mode html|markdown]       FILE '-' reads stdin; '' deletes

A meeting spec (JSON): {"category_id" (or "category_title": made if missing), "title", "start": "2026-11-05T14:00", "minutes": 90,
"timezone": "Europe/Zurich", "chair": "alice", "protected": false,
"note": {"mode": "html", "source": "..."},
"contributions": [{"title", "start", "minutes", "speakers": ["bob"], "authors": [], "coauthors": [],
                   "note": {...}, "subcontributions": [{"title", "minutes", "speakers", "note"}]}],
"sessions": [{"title", "start", "minutes", "note": {...}, "contributions": [...]}]}
People are the keys of PEOPLE below.  This file runs inside Indico's environment (Python 3.11,
Indico 3.2), not wp2bot's.
"""

import argparse
import json
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytz

ADMIN = {
    "email": "admin@example.org",
    "first_name": "Ada",
    "last_name": "Admin",
    "affiliation": "WP2 Test Lab",
    "username": "admin",
    "password": "wp2bot-indico",
}
CATEGORY_TITLE = "WP2 Meetings"
PEOPLE = {
    "alice": ("Alice", "Martin", "alice.martin@example.org", "CERN"),
    "bob": ("Bob", "Chen", "bob.chen@example.org", "University of Geneva"),
    "carla": ("Carla", "Rossi", "carla.rossi@example.org", "INFN"),
    "david": ("David", "Okafor", "david.okafor@example.org", "DESY"),
    "juergen": ("Jürgen", "Müller", "juergen.mueller@example.org", "KIT"),
}

MEETING41_NOTE = """<h2>Minutes of WP2 meeting #41</h2>
<p><strong>Present:</strong> Alice Martin (chair), Bob Chen, Carla Rossi, Jürgen Müller.
<strong>Excused:</strong> David Okafor.</p>
<h3>Discussion</h3>
<ul>
<li>The ingestion pipeline now reads the Indico export API; the schema is still in flux.</li>
<li>The detector simulation needs the new geometry before the next milestone.</li>
</ul>
<h3>Action list</h3>
<ul>
<li>Provide the updated JSON schema for the ingestion API (Bob Chen)</li>
<li>Re-run the simulation with the new geometry (Carla Rossi)</li>
<li>Circulate the draft of the milestone report by 30 November 2026 (Alice Martin)</li>
<li>Book the room for the December workshop (Jürgen Müller)</li>
</ul>
<p>Next meeting: 19 November 2026.</p>
"""

MEETING42_NOTE_MD = """## Minutes of WP2 meeting #42

**Present:** Alice Martin (chair), Bob Chen, Carla Rossi, David Okafor.

### Action list
- Publish the tracking benchmark results on the project wiki (David Okafor)
- Review the ingestion pull request #42 (Alice Martin)
- Update the milestone report with the simulation numbers (Carla Rossi)

Next meeting: 3 December 2026.
"""

PROTECTED_NOTE = """<h2>Steering board (closed session)</h2>
<p>Budget lines for 2027 discussed; details are confidential.</p>
<h3>Action list</h3>
<ul><li>Send the revised budget table to the funding agency (David Okafor)</li></ul>
"""


def demo_specs(category_id):
    """The demo meetings: two with minutes, a protected one, an upcoming one without notes."""
    return [
        {
            "key": "meeting41",
            "category_id": category_id,
            "title": "WP2 Fortnightly Meeting #41",
            "start": "2026-11-05T14:00",
            "minutes": 90,
            "chair": "alice",
            "note": {"mode": "html", "source": MEETING41_NOTE},
            "contributions": [
                {
                    "title": "Introduction and news",
                    "start": "2026-11-05T14:00",
                    "minutes": 10,
                    "speakers": ["alice"],
                    "note": {"mode": "html", "source": "<p>Alice welcomed <em>Jürgen Müller</em> (KIT).</p>"},
                },
                {
                    "title": "Status of the ingestion pipeline",
                    "start": "2026-11-05T14:10",
                    "minutes": 25,
                    "speakers": ["bob"],
                    "authors": ["bob"],
                    "coauthors": ["carla"],
                    "note": {
                        "mode": "markdown",
                        "source": "Bob showed the new pipeline.\n\n- 3 of 4 export formats parsed\n\n"
                        "**Action:** write the parser tests (Bob Chen)",
                    },
                    "subcontributions": [
                        {
                            "title": "Demo of the minutes parser",
                            "minutes": 10,
                            "speakers": ["bob"],
                            "note": {"mode": "html", "source": "<p>Live demo worked.</p>"},
                        }
                    ],
                },
                {"title": "Detector simulation update", "start": "2026-11-05T14:35", "minutes": 25,
                 "speakers": ["carla"]},
            ],
        },
        {
            "key": "protected",
            "category_id": category_id,
            "title": "WP2 Steering Board (closed)",
            "start": "2026-11-12T10:00",
            "minutes": 60,
            "chair": "david",
            "protected": True,
            "note": {"mode": "html", "source": PROTECTED_NOTE},
        },
        {
            "key": "meeting42",
            "category_id": category_id,
            "title": "WP2 Fortnightly Meeting #42",
            "start": "2026-11-19T14:00",
            "minutes": 90,
            "chair": "alice",
            "note": {"mode": "markdown", "source": MEETING42_NOTE_MD},
            "contributions": [
                {"title": "Follow-up of action items", "start": "2026-11-19T14:00", "minutes": 20,
                 "speakers": ["alice"], "note": {"mode": "markdown", "source": "- Schema: **done**"}},
            ],
            "sessions": [
                {
                    "title": "Technical session",
                    "start": "2026-11-19T14:30",
                    "minutes": 50,
                    "note": {"mode": "markdown", "source": "Session summary: both talks accepted."},
                    "contributions": [
                        {"title": "Tracking software benchmarks", "start": "2026-11-19T14:30", "minutes": 30,
                         "speakers": ["david"],
                         "note": {"mode": "html", "source": "<ul><li>Publish the plots (David Okafor)</li></ul>"}},
                        {"title": "Geometry update", "start": "2026-11-19T15:00", "minutes": 20,
                         "speakers": ["carla", "juergen"]},
                    ],
                }
            ],
        },
        {
            "key": "meeting43_no_notes",
            "category_id": category_id,
            "title": "WP2 Fortnightly Meeting #43",
            "start": "2026-12-03T14:00",
            "minutes": 90,
            "chair": "alice",
            "contributions": [
                {"title": "Follow-up of action items", "start": "2026-12-03T14:00", "minutes": 20,
                 "speakers": ["alice"]},
            ],
        },
    ]


class Seeder:
    """Indico's own operations, inside an app and request context with the admin logged in."""

    def __init__(self):
        from indico.core.db import db

        self.db = db
        self.admin = self._admin()

    def _admin(self):
        from flask import session
        from indico.modules.auth import Identity
        from indico.modules.users import User
        from indico.modules.users.operations import create_user

        admin = User.query.filter(User.all_emails == ADMIN["email"], ~User.is_deleted).first()
        if admin is None:
            identity = Identity(provider="indico", identifier=ADMIN["username"], password=ADMIN["password"])
            data = {k: ADMIN[k] for k in ("first_name", "last_name", "affiliation")}
            admin = create_user(ADMIN["email"], data, identity)
            admin.is_admin = True
            self.db.session.add(admin)
            self.db.session.flush()
        session.set_session_user(admin)
        return admin

    def category(self, title, parent_id=None):
        from indico.modules.categories import Category
        from indico.modules.categories.operations import create_category

        parent = Category.get(parent_id) if parent_id else Category.get_root()
        categ = Category.query.filter_by(title=title, parent=parent, is_deleted=False).first()
        if categ is None:
            categ = create_category(parent, {"title": title, "description": "Fortnightly WP2 meetings",
                                             "timezone": "Europe/Zurich"})
        self.db.session.commit()
        return categ

    def _person(self, event, key):
        from indico.modules.events.models.persons import EventPerson

        first, last, email, aff = PEOPLE[key]
        found = EventPerson.query.filter_by(event=event, email=email).first()
        return found or EventPerson(event=event, first_name=first, last_name=last, email=email, affiliation=aff)

    def _note(self, obj, note):
        from indico.core.db.sqlalchemy.descriptions import RenderMode
        from indico.modules.events.notes.models.notes import EventNote

        if not note:
            return
        mode = RenderMode.markdown if note.get("mode") == "markdown" else RenderMode.html
        n = EventNote.get_or_create(obj)
        n.create_revision(mode, note["source"], self.admin)
        self.db.session.add(n)
        self.db.session.flush()

    def _contribution(self, event, zone, spec, block=None):
        from indico.modules.events.contributions.models.persons import (
            AuthorType,
            ContributionPersonLink,
            SubContributionPersonLink,
        )
        from indico.modules.events.contributions.operations import (
            create_contribution,
            create_subcontribution,
        )

        speakers, authors, coauthors = (spec.get(k, []) for k in ("speakers", "authors", "coauthors"))
        links = {}
        for key in dict.fromkeys([*speakers, *authors, *coauthors]):
            kind = AuthorType.primary if key in authors else AuthorType.secondary if key in coauthors else AuthorType.none
            link = ContributionPersonLink(person=self._person(event, key), is_speaker=key in speakers, author_type=kind)
            links[link] = False
        data = {"title": spec["title"], "description": "", "duration": timedelta(minutes=spec.get("minutes", 20)),
                "person_link_data": links}
        if spec.get("start"):
            data["start_dt"] = local(spec["start"], zone)
        if block is not None:
            data["session"] = block.session
        contrib = create_contribution(event, data, session_block=block, extend_parent=True)
        # friendly ids of children are drawn in a separate transaction: commit the parent first
        self.db.session.commit()
        self._note(contrib, spec.get("note"))
        subs = []
        for sub_spec in spec.get("subcontributions", []):
            sub = create_subcontribution(contrib, {"title": sub_spec["title"],
                                                   "duration": timedelta(minutes=sub_spec.get("minutes", 10))})
            sub.person_links = [SubContributionPersonLink(person=self._person(event, k))
                                for k in sub_spec.get("speakers", [])]
            self.db.session.flush()
            self._note(sub, sub_spec.get("note"))
            subs.append(sub.id)
        self.db.session.commit()
        return {"id": contrib.id, "title": contrib.title, "subcontributions": subs}

    def meeting(self, spec):
        """Create one meeting from a spec, or return the existing one with that title."""
        from indico.core.db.sqlalchemy.protection import ProtectionMode
        from indico.modules.categories import Category
        from indico.modules.events import Event
        from indico.modules.events.models.events import EventType
        from indico.modules.events.models.persons import EventPersonLink
        from indico.modules.events.operations import create_event
        from indico.modules.events.sessions.operations import create_session
        from indico.modules.events.timetable.operations import create_session_block_entry

        if "category_id" in spec:
            categ = Category.get(spec["category_id"])
        else:  # a test's own category, made on first use
            categ = self.category(spec["category_title"])
        existing = Event.query.filter_by(category=categ, title=spec["title"], is_deleted=False).first()
        if existing is not None:
            return describe(existing)
        zone = spec.get("timezone", "Europe/Zurich")
        start = local(spec["start"], zone)
        data = {"title": spec["title"], "description": spec.get("description", ""), "start_dt": start,
                "end_dt": start + timedelta(minutes=spec.get("minutes", 90)), "timezone": zone}
        if spec.get("protected"):
            data["protection_mode"] = ProtectionMode.protected
        try:
            event = create_event(categ, EventType.meeting, data)
            if spec.get("chair"):
                event.person_link_data = {EventPersonLink(person=self._person(event, spec["chair"])): False}
            self.db.session.commit()
            self._note(event, spec.get("note"))
            for c in spec.get("contributions", []):
                self._contribution(event, zone, c)
            for s in spec.get("sessions", []):
                sess = create_session(event, {"title": s["title"]})
                entry = create_session_block_entry(sess, {"start_dt": local(s["start"], zone),
                                                          "duration": timedelta(minutes=s.get("minutes", 60))})
                self.db.session.commit()
                self._note(sess, s.get("note"))
                for c in s.get("contributions", []):
                    self._contribution(event, zone, c, block=entry.object)
            self.db.session.commit()
        except Exception:
            self.db.session.rollback()
            half = Event.query.filter_by(category=categ, title=spec["title"], is_deleted=False).first()
            if half is not None:  # hide a half-built event so that a re-run builds it again
                half.delete("seeding failed", self.admin)
                self.db.session.commit()
            raise
        return describe(event)

    def category_of(self, event_id):
        """The category id of an event."""
        from indico.modules.events import Event

        return Event.get(event_id).category_id

    def set_note(self, event_id, source, mode, contribution=None, subcontribution=None, session=None):
        """Replace (or, with an empty source, delete) the note of an event or one of its parts."""
        from indico.modules.events import Event
        from indico.modules.events.contributions.models.contributions import Contribution
        from indico.modules.events.contributions.models.subcontributions import SubContribution
        from indico.modules.events.sessions.models.sessions import Session

        event = Event.get(event_id)
        if event is None:
            raise SystemExit(f"no event {event_id}")
        obj = event
        if contribution is not None:
            obj = Contribution.query.filter_by(event=event, id=contribution).one()
        elif subcontribution is not None:
            obj = SubContribution.query.filter_by(id=subcontribution).one()
        elif session is not None:
            obj = Session.query.filter_by(event=event, id=session).one()
        if source:
            self._note(obj, {"mode": mode, "source": source})
        elif obj.note is not None:
            obj.note.delete(self.admin)
        self.db.session.commit()
        return {"event": event_id, "object": type(obj).__name__, "id": obj.id}


def local(text, zone):
    """A naive local ISO time in ``zone`` as an aware UTC datetime."""
    # Indico's UTCDateTime columns want pytz's UTC
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(pytz.utc)


def describe(event):
    """Ids of an event's objects, read back from the database."""
    contribs = sorted(event.contributions, key=lambda c: (c.start_dt is None, c.start_dt, c.id))
    return {
        "id": event.id,
        "title": event.title,
        "start_dt": event.start_dt.isoformat(),
        "protected": event.protection_mode.name == "protected",
        "has_event_note": bool(event.note and not event.note.is_deleted),
        "contributions": [{"id": c.id, "title": c.title, "subcontributions": [s.id for s in c.subcontributions]}
                          for c in contribs],
        "sessions": [{"id": s.id, "title": s.title} for s in event.sessions],
    }


def run(args):
    seeder = Seeder()
    if args.cmd == "seed":
        categ = seeder.category(CATEGORY_TITLE)
        summary = {"admin_user_id": seeder.admin.id, "category_id": categ.id}
        for spec in demo_specs(categ.id):
            summary[spec["key"]] = seeder.meeting(spec)
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=2)
        return summary
    if args.cmd == "add-category":
        return {"id": seeder.category(args.title, args.parent).id}
    if args.cmd == "add-meetings":
        spec = json.load(sys.stdin if args.spec == "-" else open(args.spec))
        made = [seeder.meeting(s) for s in (spec if isinstance(spec, list) else [spec])]
        return [{**m, "category_id": seeder.category_of(m["id"])} for m in made]
    if args.cmd == "set-note":
        source = sys.stdin.read() if args.file == "-" else (open(args.file).read() if args.file else "")
        return seeder.set_note(args.event, source, args.mode, args.contribution, args.subcontribution,
                               args.session)
    raise SystemExit(f"unknown command {args.cmd}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("seed")
    p.add_argument("--summary", required=True)
    p = sub.add_parser("add-category")
    p.add_argument("title")
    p.add_argument("--parent", type=int)
    p = sub.add_parser("add-meetings")
    p.add_argument("spec")
    p = sub.add_parser("set-note")
    p.add_argument("event", type=int)
    p.add_argument("file")
    p.add_argument("--mode", choices=("html", "markdown"), default="html")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--contribution", type=int)
    where.add_argument("--subcontribution", type=int)
    where.add_argument("--session", type=int)
    args = ap.parse_args()

    from indico.core.config import config
    from indico.web.flask.app import make_app

    app = make_app()
    with app.app_context():
        app.config["REPL"] = True  # as `indico shell` does: no per-request memoization of the user
        with app.test_request_context(base_url=config.BASE_URL):
            result = run(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
