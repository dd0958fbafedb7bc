"""The storage-independent smoke test: the stage sequence, timing, skipping and leftovers."""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from wp2bot.domain.health import StageResult, StageStatus

STAGES: tuple[str, ...] = ("stat", "cleanup", "mkdir", "upload", "download", "checksum", "delete")
PREFIX = "wp2bot-smoke-"  # no leading dot: nginx dav-ext hides dotfiles from PROPFIND
# a leftover younger than this may belong to a probe running right now (the same storage is
# often configured twice, over root:// and https://), so only older ones are removed
LEFTOVER_AGE_S = 900


class ProbeError(Exception):
    """An expected failure of one storage operation, with a message fit for a report."""


class Unsupported(Exception):
    """The server lacks a feature the stage needs (nginx WebDAV has no checksums)."""


class StorageSession(Protocol):
    """The operations a smoke test needs, on paths relative to the endpoint's base path."""

    async def stat_base(self) -> None:
        """Succeed when the base path exists and can be listed."""
        ...

    async def list_base(self) -> list[str]:
        """Names of the entries directly under the base path."""
        ...

    async def remove_dir(self, name: str) -> None:
        """Remove a directory under the base path with the files in it."""
        ...

    async def mkdir(self, name: str) -> None:
        """Make a directory under the base path."""
        ...

    async def upload(self, path: str, data: bytes) -> None:
        """Write a file."""
        ...

    async def download(self, path: str) -> bytes:
        """Read a file back."""
        ...

    async def adler32(self, path: str) -> str:
        """The server's adler32 of a file as 8 lower-case hex digits; raises Unsupported."""
        ...

    async def delete(self, path: str) -> None:
        """Remove a file."""
        ...

    async def rmdir(self, name: str) -> None:
        """Remove an empty directory."""
        ...


@dataclass(frozen=True, slots=True)
class SmokePlan:
    """What one run writes: a directory name stamped with its creation time, and the payload."""

    epoch: int
    token: str
    payload: bytes

    @property
    def dirname(self) -> str:
        """The run's own test directory."""
        return f"{PREFIX}{self.epoch}-{self.token}"


def leftover_names(names: Sequence[str], now_epoch: int, own: str = "") -> list[str]:
    """Test directories of earlier runs that are old enough to remove."""
    stale = []
    for name in names:
        name = name.rstrip("/")
        if not name.startswith(PREFIX) or name == own:
            continue
        stamp = name[len(PREFIX) :].split("-", 1)[0]
        if stamp.isdigit() and now_epoch - int(stamp) >= LEFTOVER_AGE_S:
            stale.append(name)
    return stale


def local_adler32(data: bytes) -> str:
    """adler32 as the grid writes it: 8 lower-case hex digits."""
    return format(zlib.adler32(data) & 0xFFFFFFFF, "08x")


async def _cleanup(session: StorageSession, plan: SmokePlan) -> None:
    """Remove stale leftovers of earlier runs."""
    for name in leftover_names(await session.list_base(), plan.epoch, plan.dirname):
        await session.remove_dir(name)


async def _checksum(session: StorageSession, path: str, data: bytes) -> None:
    """Compare the server's adler32 with the local one."""
    remote = (await session.adler32(path)).lower().zfill(8)
    local = local_adler32(data)
    if remote != local:
        raise ProbeError(f"adler32 mismatch: server {remote}, local {local}")


Step = Callable[[], Awaitable[None]]


async def run_stages(steps: Sequence[tuple[str, Step]], record: list[StageResult]) -> str | None:
    """Run named steps in order, timing each and appending to ``record`` as it goes (so a
    caller that times out keeps the finished ones); after a failure the rest are skipped.
    Returns the name of the failed step, if any."""
    failed: str | None = None
    for name, step in steps:
        if failed is not None:
            record.append(StageResult(name, StageStatus.SKIPPED, 0.0, f"{failed} failed"))
            continue
        t0 = time.perf_counter()
        try:
            await step()
        except Unsupported as exc:
            record.append(StageResult(name, StageStatus.SKIPPED, _since(t0), f"unsupported: {exc}"))
        except Exception as exc:  # any client error is this stage's failure
            record.append(StageResult(name, StageStatus.FAIL, _since(t0), describe(exc)))
            failed = name
        else:
            record.append(StageResult(name, StageStatus.PASS, _since(t0)))
    return failed


async def run_smoke(
    session: StorageSession, plan: SmokePlan, record: list[StageResult]
) -> list[StageResult]:
    """The smoke test: stat, cleanup, mkdir, upload, download, checksum, delete."""
    d = plan.dirname
    f = f"{d}/probe.bin"

    async def _download() -> None:
        got = await session.download(f)
        if got != plan.payload:
            sent = len(plan.payload)
            raise ProbeError(f"downloaded {len(got)} bytes differ from the {sent} sent")

    async def _delete() -> None:
        await session.delete(f)
        await session.rmdir(d)

    steps: list[tuple[str, Step]] = [
        ("stat", session.stat_base),
        ("cleanup", lambda: _cleanup(session, plan)),
        ("mkdir", lambda: session.mkdir(d)),
        ("upload", lambda: session.upload(f, plan.payload)),
        ("download", _download),
        ("checksum", lambda: _checksum(session, f, plan.payload)),
        ("delete", _delete),
    ]
    failed = await run_stages(steps, record)
    if failed in {"upload", "download", "checksum"}:
        await _teardown(session, d, f)
    return record


async def _teardown(session: StorageSession, d: str, f: str) -> None:
    """Best effort: do not leave the run's directory behind (a later run cleans up otherwise)."""
    ops: list[Callable[[], Awaitable[None]]] = [
        lambda: session.delete(f),
        lambda: session.rmdir(d),
    ]
    for op in ops:
        # a leftover is removed by the next run's cleanup
        with contextlib.suppress(Exception):
            await op()


def _since(t0: float) -> float:
    """Seconds since ``t0`` on the monotonic clock."""
    return time.perf_counter() - t0


def describe(exc: BaseException) -> str:
    """A one-line message for a report: the exception's text, or its type when it has none."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def timed_out_stages(
    record: Sequence[StageResult], timeout_s: float, names: Sequence[str] = STAGES
) -> list[StageResult]:
    """Complete a record cut short by a timeout: the running stage fails, the rest are skipped."""
    done = {s.name for s in record}
    rest = [n for n in names if n not in done]
    out = list(record)
    if rest:
        error = f"timed out after {timeout_s:g} s"
        out.append(StageResult(rest[0], StageStatus.FAIL, timeout_s, error))
        out.extend(StageResult(s, StageStatus.SKIPPED, 0.0, f"{rest[0]} failed") for s in rest[1:])
    return out
