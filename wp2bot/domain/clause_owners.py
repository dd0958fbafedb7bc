"""Who a clause names as acting besides its subject: the agent of a passive task ("... will be
checked by Tier-2 people"), the people in parentheses at its end ("We'll rerun it (Ana)")."""

from __future__ import annotations

from wp2bot.domain import judge_patterns as jp
from wp2bot.domain import owner_positions as pos
from wp2bot.domain.action_items import Names, known_or_group, names_ok


def agent(participle: str, names: Names) -> list[str]:
    """Who a passive task names as doing it: "checked by Tier-2 people" -> ["Tier-2 people"]."""
    found = jp.AGENT.search(participle)
    if found is None:
        # "sent to the sites by Alice before the holidays": further on, only a known person
        # or group (a "by" there may as well give a date: "sent to the sites by Friday")
        later = jp.LATER_AGENT.search(participle)
        return [later["who"]] if later and names.is_known(later["who"]) else []
    agents: list[str] = []
    for written in (found["who"], found["also"]):
        if not written:
            continue
        words = written.split()
        article = words[:1] if words[0].lower() == "the" else []
        name = words[len(article) :]
        while len(name) > 1 and name[-1][:1].islower() and not known_or_group(name[-1], names):
            # "by John tomorrow", "by the Secretary within ten days": no part of the name ("by
            # the WLCG ops team" keeps its team)
            name.pop()
        who = " ".join(article + name)
        if names_ok(who, names, lenient=True):
            agents.append(who)
    return agents


def named_after(text: str, names: Names) -> list[str]:
    """The people a clause names in parentheses at its end ("We'll rerun it (Ana)"): the ones
    of the group who act; known names or groups only ("(TBC)", "(see slides)" name nobody)."""
    trailing = pos.TRAILING_PAREN.match(text) if text.rstrip(" .;")[-1:] == ")" else None
    if trailing is None or not known_or_group(trailing["who"], names):
        return []
    return [trailing["who"].strip()]
