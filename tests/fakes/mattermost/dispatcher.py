"""A small real Dispatcher for transport tests: records requests and answers predictably."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from wp2bot.chat import Button, Card, Reply, Request


@dataclass
class RecordingDispatcher:
    """``done N`` closes item N once; ``card N`` shows it with buttons; ``secret`` is ephemeral
    (with a card and a button).

    ``echo X`` repeats X (to test mention escaping); ``boom`` raises; anything else is refused.
    """

    requests: list[Request] = field(default_factory=list)
    closed: dict[int, str] = field(default_factory=dict)  # item -> who closed it
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def dispatch(self, request: Request) -> Reply:
        """Run one command."""
        with self._lock:
            self.requests.append(request)
        verb, _, rest = request.text.partition(" ")
        if verb == "done" and rest.strip().isdigit():
            item = int(rest)
            with self._lock:
                if item in self.closed:
                    return Reply(f"item {item} was already closed", ok=False)
                self.closed[item] = request.user
            if request.via == "button":  # a click shows the new state with an undo button
                undo = Button(id="reopen", label="Reopen", context={"command": f"reopen {item}"})
                return Reply(f"done {item}", cards=(Card(title=f"Item {item}", buttons=(undo,)),))
            return Reply(f"done {item}")
        if verb == "card" and rest.strip().isdigit():
            item = int(rest)
            button = Button(
                id="done", label="Done", context={"command": f"done {item}"}, style="primary"
            )
            return Reply(
                f"item {item}", cards=(Card(title=f"Item {item}", text="open", buttons=(button,)),)
            )
        if verb == "secret":  # an ephemeral answer whose card has a button
            button = Button(id="done", label="Done", context={"command": "done 7"})
            card = Card(title="Item 7", buttons=(button,))
            return Reply("only you can see this", cards=(card,), ephemeral=True)
        if verb == "echo":
            return Reply(rest, extra=(Reply("and one more"),))
        if verb == "boom":
            raise RuntimeError("the command table broke")
        return Reply(f"unknown command {request.text!r}", ok=False)
