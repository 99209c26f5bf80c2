"""HTTP transport rules: verified TLS against the OS trust store, plain http only on loopback, timeouts always.

Districts run TLS-inspecting proxies with their own CA installed in the operating system, so we trust the OS
store (``truststore``) rather than a bundled list, and never pin certificates.
"""

from __future__ import annotations

import ipaddress
import ssl
from urllib.parse import urlsplit

import httpx
import truststore

from assessor_app import __version__
from assessor_app.sync.errors import InsecureServer, Offline, SyncError, UntrustedCertificate

TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
USER_AGENT = f"assessors-desk/{__version__}"
READ_BYTES = 1024 * 1024


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalise_server_url(url: str) -> str:
    """Check and normalise an issuer URL (no trailing slash); refuse plain http beyond this machine."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InsecureServer(f"“{url}” is not a server address; it should look like https://issuer.example.org")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureServer(
            f"“{url}” uses plain http, which would expose your sign-in and candidates' evidence. "
            "Use the https:// address of your issuer."
        )
    return url


def unreachable(server_url: str, exc: httpx.TransportError, then: str = "") -> SyncError:
    """What a failed connection means for the user: an untrusted certificate (say what to do about it, never retry
    around it) or simply offline."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ssl.SSLCertVerificationError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ssl.SSLCertVerificationError):
        return UntrustedCertificate(
            f"The issuer at {server_url} presented a certificate this computer does not trust "
            f"({cause.verify_message or cause.reason}). Nothing was sent. Check the address; if your school or "
            "district inspects encrypted traffic, ask IT to install its certificate in the operating system.")
    return Offline(f"The issuer at {server_url} cannot be reached ({type(exc).__name__}).{then}")


def _larger_socket_reads() -> None:
    """httpcore reads 64 KiB per recv; evidence downloads run at ~60% of curl's speed with that, ~100% with 1 MiB
    (bench/sync_throughput.py). It is a class attribute of httpcore's HTTP/1.1 connection; if a future httpcore
    drops it, nothing breaks, downloads are only slower."""
    try:
        from httpcore._sync.http11 import HTTP11Connection
    except ImportError:
        return
    if getattr(HTTP11Connection, "READ_NUM_BYTES", 0) < READ_BYTES:
        HTTP11Connection.READ_NUM_BYTES = READ_BYTES


def make_client(base_url: str) -> httpx.Client:
    _larger_socket_reads()
    base_url = normalise_server_url(base_url)
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.Client(base_url=base_url + "/api/v1", verify=context, timeout=TIMEOUT,
                        headers={"User-Agent": USER_AGENT}, follow_redirects=False)
