"""How an instance answers a command post it has claimed: run it, resume it, or leave it.

A claim that ran out unanswered is taken over: the thread shows which parts of the kept answer
are out already (each carries the command's id and its part number in its props), and the rest
is sent from the first missing part, or the command runs again when it had not finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from wp2bot.adapters.mattermost.answer_parts import REPLY_PART_PROP, REPLY_PROP, answer_parts
from wp2bot.adapters.mattermost.wire import Post
from wp2bot.chat import AnswerClaim, AnswerClaims, Reply

__all__ = ["LATER", "SKIP", "Plan", "Resume", "after_take_over", "plan_answer"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Resume:
    """Answer a command post: run it (``reply`` None) or send its kept answer from a part on."""

    reply: Reply | None = None
    parts_done: int = 0


LATER: Final = "later"  # another instance holds the post: look again when its lease runs out
SKIP: Final = "skip"  # answered already, or by another instance
Plan = Resume | Literal["later", "skip"]


def after_take_over(claim: AnswerClaim, thread: Iterable[Post], me: str, post_id: str) -> Plan:
    """What is left of a taken-over answer to ``post_id``, from the bot ``me``'s posts in its
    thread: ``SKIP`` when it is all out, else a ``Resume`` from the first part not out."""
    out = {
        p.props.get(REPLY_PART_PROP)
        for p in thread
        if p.user_id == me and p.props.get(REPLY_PROP) == post_id
    }
    if claim.reply is None:
        return SKIP if out else Resume()
    # The part being sent when the claim lapsed may be out although not recorded.
    done = claim.parts_done
    numbers = [number for number, _ in answer_parts(claim.reply)]
    while done < len(numbers) and numbers[done] in out:
        done += 1
    if done == len(numbers):
        return SKIP
    return Resume(claim.reply, done)


def plan_answer(
    answers: AnswerClaims,
    thread_of: Callable[[str], list[Post]],
    me: str,
    post_id: str,
    now: datetime,
    until: datetime,
) -> Plan | datetime:
    """Claim answering ``post_id`` until ``until``: how this instance answers it, or the time
    another instance holds it until (look again then).

    When the claims cannot be read, the post is answered (losing a command is worse than a rare
    second answer). A lease that ran out unanswered is taken over: its kept answer is sent from
    the first part that is not in the thread (``thread_of``) yet, or, when the command had not
    finished, it is run unless an answer is in the thread already.
    """
    try:
        claim = answers.claim(post_id, now, until)
    except Exception:
        log.exception("could not claim post %s; answering it anyway", post_id)
        return Resume()
    if claim.held_until is not None:
        return claim.held_until
    if not claim.won:
        return SKIP
    if not claim.taken_over:
        return Resume()
    plan = after_take_over(claim, thread_of(post_id), me, post_id)
    if plan is SKIP:
        log.info("post %s was answered before a restart; not again", post_id)
        answers.answered(post_id, now)
    elif isinstance(plan, Resume) and plan.reply is not None:
        log.info("post %s: sending its kept answer from part %d on after a take-over",
                 post_id, plan.parts_done + 1)  # fmt: skip
    return plan
