"""A throw-away certificate authority and a localhost server certificate, made with openssl."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ThrowawayCA:
    """Paths of a test CA certificate and of a server certificate/key it signed."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        """TLS context for a server presenting the localhost certificate."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """TLS context of a client trusting only the test CA."""
        return ssl.create_default_context(cafile=str(self.ca_file))


def make_throwaway_ca(directory: Path) -> ThrowawayCA:
    """Create the CA and a certificate for localhost/127.0.0.1 (valid for two days)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is needed to make the test certificate authority")
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_pem = directory / "ca.key", directory / "ca.pem"
    key, csr, pem = directory / "host.key", directory / "host.csr", directory / "host.pem"
    ext = directory / "host.ext"
    ext.write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    steps = [
        [
            openssl,
            "req",
            "-x509",
            *ec,
            "-keyout",
            ca_key,
            "-out",
            ca_pem,
            "-days",
            "2",
            "-subj",
            "/CN=wp2bot test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        [openssl, "req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost"],
        [
            openssl,
            "x509",
            "-req",
            "-in",
            csr,
            "-CA",
            ca_pem,
            "-CAkey",
            ca_key,
            "-CAcreateserial",
            "-out",
            pem,
            "-days",
            "2",
            "-extfile",
            ext,
        ],
    ]
    for step in steps:
        subprocess.run([str(a) for a in step], check=True, capture_output=True)
    return ThrowawayCA(ca_pem, pem, key)
