"""README sections generated from the code: the configuration reference and the command list.

``python -m wp2bot.docs`` rewrites them in README.md; a test fails when they drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from wp2bot.commands import commands_markdown
from wp2bot.config import settings_reference

README = Path(__file__).resolve().parent.parent / "README.md"


def config_markdown() -> str:
    """The settings as a Markdown table: key, environment variable, default, meaning."""
    lines = ["| key | environment | default | meaning |", "|---|---|---|---|"]
    for key, env, default, doc in settings_reference():
        shown = default.replace("|", "\\|") if default else ""
        lines.append(f"| `{key}` | `{env}` | {f'`{shown}`' if shown else ''} | {doc} |")
    return "\n".join(lines)


SECTIONS = {"config": config_markdown, "commands": commands_markdown}


def render(readme: str) -> str:
    """``readme`` with every generated section replaced by its current content."""
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- generated:{name} -->\n)(?:.*?\n)?(<!-- /generated:{name} -->)", re.DOTALL
        )
        if not pattern.search(readme):
            raise ValueError(f"README has no <!-- generated:{name} --> section")
        body = make().strip() + "\n"

        def fill(m: re.Match[str], body: str = body) -> str:
            return m.group(1) + body + m.group(2)

        readme = pattern.sub(fill, readme)
    return readme


def main() -> int:
    """Rewrite README.md in place."""
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
