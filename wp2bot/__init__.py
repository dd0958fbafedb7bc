"""wp2bot: turns Indico meeting minutes into tracked action items, and keeps a group's rhythm."""

__version__ = "0.1.0"
