"""A test CA made with openssl, and a server certificate it signed (for localhost and
127.0.0.1), for the TLS tests of the private servers and the clients that must trust them."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Certificates:
    ca: Path    # the CA's certificate: what a client's ca_file names
    cert: Path  # the server's certificate, signed by the CA ...
    key: Path   # ... and its key


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(folder: Path, name: str = "Test CA", hosts: str = "DNS:localhost,IP:127.0.0.1",
            ) -> Certificates:
    """A new CA in `folder` and a server certificate for `hosts` (subjectAltName)."""
    folder.mkdir(parents=True, exist_ok=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
             "ca.pem", "-days", "2", "-subj", f"/CN={name}",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
             "server.csr", "-subj", "/CN=localhost", cwd=folder)
    (folder / "server.ext").write_text(f"subjectAltName={hosts}\n"
                                       "extendedKeyUsage=serverAuth\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem",
             cwd=folder)
    return Certificates(folder / "ca.pem", folder / "server.pem", folder / "server.key")
