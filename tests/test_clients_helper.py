"""The client-test helper skips where a program is missing, and fails instead when clients are required."""

from __future__ import annotations

import pytest

from clients import require_client


def test_missing_client_skips_with_reason(monkeypatch, capsys):
    monkeypatch.delenv("COMPAREKIT_REQUIRE_CLIENTS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed: no-such-client-xyz"):
        require_client("no-such-client-xyz")
    assert "no-such-client-xyz" in capsys.readouterr().out


def test_missing_client_fails_when_required(monkeypatch):
    monkeypatch.setenv("COMPAREKIT_REQUIRE_CLIENTS", "1")
    with pytest.raises(pytest.fail.Exception, match="COMPAREKIT_REQUIRE_CLIENTS=1"):
        require_client("no-such-client-xyz")


def test_present_client_returns_its_path(monkeypatch):
    monkeypatch.setenv("COMPAREKIT_REQUIRE_CLIENTS", "1")
    assert require_client("sh")["sh"].endswith("/sh")
