"""TLS as the app does it (sync/transport.py), against a real HTTPS server on loopback: the certificate is checked
against the operating system's trust store (here a test CA handed to OpenSSL through ``SSL_CERT_FILE``, as a
district's TLS-inspecting proxy CA would be installed), an untrusted certificate is refused, and evidence bodies
come through ``BodyReader`` straight off the TLS socket."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from assessor_app.sync.body_reader import BodyReader
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import UntrustedCertificate
from assessor_app.sync.transport import make_client
from tests.sync.test_body_reader import BODY, Handler


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _certificate(subject: str, key, issuer: str, issuer_key, *, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    else:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(
            "127.0.0.1"))]), critical=False).add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a certificate from a test CA; yields (url, the CA's PEM file)."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Assessor's desk test CA", ca_key, "Assessor's desk test CA", ca_key, ca=True)
    leaf = _certificate("127.0.0.1", leaf_key, "Assessor's desk test CA", ca_key, ca=False)
    (folder / "ca.pem").write_bytes(_pem(ca))
    (folder / "server.pem").write_bytes(_pem(leaf) + leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", folder / "ca.pem"
    httpd.shutdown()
    httpd.server_close()


def read(client: httpx.Client, url: str) -> tuple[bytes, bool]:
    out, buffer = bytearray(), bytearray(1024 * 1024)
    view = memoryview(buffer)
    with client.stream("GET", url) as response:
        reader = BodyReader(response, 10.0)
        while n := reader.readinto(view):
            out += view[:n]
    return bytes(out), reader.from_socket


def test_a_server_whose_ca_the_system_trusts_is_accepted_and_its_body_read_off_the_tls_socket(tls, monkeypatch):
    url, ca = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    with make_client(url) as client:
        body, from_socket = read(client, f"{url}/plain")
    assert body == BODY and from_socket


def test_a_certificate_the_system_does_not_trust_is_refused(tls, monkeypatch, tmp_path):
    url, _ca = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "empty.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    (tmp_path / "empty.pem").write_text("")
    with make_client(url) as client, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.get(f"{url}/plain")


def test_signing_in_to_an_untrusted_issuer_says_what_to_do_and_sends_nothing(tls, monkeypatch, tmp_path):
    url, _ca = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    client = IssuerClient(url, "ana")
    try:
        with pytest.raises(UntrustedCertificate) as refused:
            client.sign_in("a password that must not leave this computer")
    finally:
        client.close()
    message = str(refused.value)
    assert "does not trust" in message and "ask IT to install its certificate" in message
    assert "Traceback" not in message
