"""Turn configured credentials into what clients take: an SSL context, headers, XRootD env."""

from __future__ import annotations

import ssl
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from wp2bot.domain.health import Credentials


class CredentialError(Exception):
    """A configured credential file is missing or unreadable."""


def ssl_context(creds: Credentials) -> ssl.SSLContext:
    """A verifying client context: the system store or the configured CA, plus a client cert."""
    try:
        if creds.ca is None:
            ctx = ssl.create_default_context()
        elif Path(creds.ca).is_dir():
            ctx = ssl.create_default_context(capath=creds.ca)
        else:
            ctx = ssl.create_default_context(cafile=creds.ca)
        if creds.cert:
            # a grid proxy holds certificate, key and chain in one file: key may be None
            ctx.load_cert_chain(creds.cert, creds.key)
    except (OSError, ssl.SSLError) as exc:
        raise CredentialError(f"cannot load TLS credentials: {exc}") from exc
    return ctx


class DeferredTrust:
    """A verifying client context whose system CA store is loaded on the first TLS request.

    Loading the store takes tens of milliseconds of CPU; a check of a plain ``http://`` or
    ``dav://`` URL needs it only when a redirect leads to ``https://``. Only for default
    credentials: a configured CA or client certificate is loaded (and checked) up front.
    """

    def __init__(self) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies; trusts nobody yet
        self._loaded = False

    def load(self) -> None:
        """Load the system CA store, once (what ``ssl.create_default_context()`` loads)."""
        if not self._loaded:
            self.context.load_default_certs()
            self._loaded = True

    @property
    def loaded(self) -> bool:
        """Whether the CA store is in the context."""
        return self._loaded


def read_token(creds: Credentials) -> str | None:
    """The bearer token from its file (read at each probe: tokens are renewed underneath us)."""
    if creds.token_file is None:
        return None
    try:
        token = Path(creds.token_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CredentialError(f"cannot read token file {creds.token_file}: {exc.strerror}") from exc
    if not token:
        raise CredentialError(f"token file {creds.token_file} is empty")
    return token


def auth_headers(creds: Credentials) -> dict[str, str]:
    """The Authorization header for a bearer token, or nothing."""
    token = read_token(creds)
    return {"Authorization": f"Bearer {token}"} if token else {}


def xrootd_environment(creds: Credentials) -> dict[str, str]:
    """The environment variables through which the XRootD client takes credentials.

    The XRootD client reads them process-wide, so one process can only use one set.
    """
    env: dict[str, str] = {}
    if creds.ca is not None:
        # XRootD wants a hashed CA directory; a bundle file's directory is the best guess
        ca = Path(creds.ca)
        env["X509_CERT_DIR"] = str(ca if ca.is_dir() else ca.parent)
    if creds.cert is not None:
        if creds.key is None:
            env["X509_USER_PROXY"] = creds.cert
        else:
            env["X509_USER_CERT"] = creds.cert
            env["X509_USER_KEY"] = creds.key
    if creds.token_file is not None:
        env["BEARER_TOKEN_FILE"] = creds.token_file
    return env


def apply_environment(env: Mapping[str, str], target: MutableMapping[str, str]) -> list[str]:
    """Set the variables not yet set in ``target``; returns the names that conflicted."""
    conflicts = []
    for name, value in env.items():
        current = target.get(name)
        if current is None:
            target[name] = value
        elif current != value:
            conflicts.append(name)
    return conflicts
