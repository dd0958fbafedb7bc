"""The read-only web board: server-rendered pages under ``/board/`` behind personal links."""

from wp2bot.adapters.board.web import BOARD_COOKIE, board_routes

__all__ = ["BOARD_COOKIE", "board_routes"]
