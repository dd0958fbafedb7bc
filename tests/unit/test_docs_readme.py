"""The README's generated sections match the code (python -m wp2bot.docs rewrites them)."""

from __future__ import annotations

from wp2bot.commands import COMMANDS
from wp2bot.config import settings_reference
from wp2bot.docs import README, render


def test_readme_generated_sections_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run: python -m wp2bot.docs"


def test_every_command_and_setting_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"`{command.name}" in text
    for key, env, _default, _doc in settings_reference():
        assert f"`{key}`" in text
        assert f"`{env}`" in text
