"""The headless commands: readable output, one-line errors with exit status 2, never a traceback."""

import io

from assessor_app import cli


def test_status_says_where_the_cache_is_and_that_nobody_is_signed_in(capsys, app_home):
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert str(app_home) in out and "Signed in:     no (run: assessor-app login)" in out


def test_sync_before_signing_in_says_what_to_do(capsys):
    assert cli.main(["sync"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Not signed in yet: run `assessor-app login`") and err.count("\n") == 1


def test_login_refuses_plain_http_beyond_this_machine(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    assert cli.main(["login", "--server", "http://issuer.example.org", "--user", "x", "--password-stdin"]) == 2
    assert "plain http" in capsys.readouterr().err


def test_login_and_sync_through_the_commands(capsys, monkeypatch, issuer):
    monkeypatch.setattr("sys.stdin", io.StringIO(issuer.password + "\n"))
    assert cli.main(["login", "--server", issuer.url, "--user", issuer.username, "--password-stdin"]) == 0
    assert "Signed in to" in capsys.readouterr().out
    assert cli.main(["sync", "--pull-only"]) == 0
    assert "Sync finished: 11 new assignment(s), 33 file(s) downloaded" in capsys.readouterr().out
    assert cli.main(["status"]) == 0
    assert "Assignments:   11, 11 new" in capsys.readouterr().out


def test_a_wrong_password_is_one_clear_line(capsys, monkeypatch, issuer):
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert cli.main(["login", "--server", issuer.url, "--user", issuer.username, "--password-stdin"]) == 2
    assert capsys.readouterr().err == "error: The user name or password was not accepted. Check them and try again.\n"
