"""The pure core: no I/O, no clock reads; stdlib, rapidfuzz, dateparser and selectolax only."""
