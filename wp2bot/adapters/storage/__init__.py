"""Persistence: sqlmodel tables and the Store that reads and writes them."""

from wp2bot.adapters.storage.store import ActionFilter, MeetingRecord, NotFound, Store

__all__ = ["ActionFilter", "MeetingRecord", "NotFound", "Store"]
