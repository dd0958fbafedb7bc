"""What an action register or a committee's minutes write around an item: the item's number
("A-0412", "#14", "[A2]"), its owners in the margin after the minute ("ACTION: KB")."""

from __future__ import annotations

from wp2bot.domain import markers as mk
from wp2bot.domain.action_items import Item
from wp2bot.domain.dedupe import Mergeable
from wp2bot.domain.line_prose import as_candidate
from wp2bot.domain.models import Line, LineKind

# the letters of a number that say the item is an action: "AP-12", "AI-3", "ACTION-7"
_MARKER_LETTERS = frozenset(("AP", "AI", "ACTION", "TODO"))


def without_number(text: str) -> str:
    """The text without the number a list of actions opens its items with ("A-0412", "#14",
    "[A2]", ``markers.ITEM_NUMBER``) and a note of where the item comes from after it ("(from
    10 Nov)"); a number that names the marker keeps it ("AP-12 Jo Li: ..." as "AP: Jo Li:
    ..."); the text itself when it has no number."""
    first = text[:1]
    if first in "#[(" or (
        (first.isupper() or first.isdigit())
        and ("-" in text[1:7] or "." in text[1:7] or text[1:2].isdigit())
    ):
        number = mk.ITEM_NUMBER.match(text)
        if number is not None:
            rest = text[number.end() :]
            if rest[:1] == "(" and (origin := mk.ITEM_ORIGIN.match(rest)) is not None:
                rest = rest[origin.end() :]
            letters = text[: text.find("-")] if "-" in text[: number.end()] else ""
            return f"{letters}: {rest}" if letters in _MARKER_LETTERS else rest
    return text


def margin_owners(
    item: Item, found: list[Mergeable], lines: list[Line], index: int, followups: dict[int, bool]
) -> None:
    """ "ACTION: KB" alone under a minute: the owners of the task the line before states, found
    there already or that line as a whole (the committee style that writes owners in the
    margin); under a title or nothing it names no task."""
    previous = lines[index - 1] if index else None
    if previous is None or previous.section != lines[index].section:
        return
    if found and found[-1].index == index - 1:
        if not found[-1].owners:
            found[-1].owners = list(item.owners)
        return
    if previous.kind in (LineKind.PARAGRAPH, LineKind.BULLET):
        item.text = previous.text
        found.append(as_candidate(item, previous, index - 1, followups, 2, None))
