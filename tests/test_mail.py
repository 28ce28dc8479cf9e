"""monitor.mail against a real SMTP server on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import SmtpSettings
from monitor.mail import MailError, build_message, deliver, send_smtp
from tests.smtp_server import LoopbackSMTP


def _settings(server: LoopbackSMTP, password: str | None = "pw") -> SmtpSettings:
    return SmtpSettings("127.0.0.1", server.port, "none", "bot", password, 5.0)


def _message(to: str = "ed@example.org") -> object:
    return build_message(
        subject="Digest\nweek 47", text="plain <b>", html="<p>html &lt;b&gt;</p>",
        sender="scimon <bot@scimon.example>", to=to, headers={"List-Id": "<d.scimon>"},
    )  # fmt: skip


def test_send_with_auth_arrives_multipart() -> None:
    with LoopbackSMTP(username="bot", password="pw") as server:
        msg = _message()
        send_smtp(msg, _settings(server))  # type: ignore[arg-type]
        (got,) = server.to("ed@example.org")
    assert got["Subject"] == "Digest week 47"
    assert got["List-Id"] == "<d.scimon>"
    assert got["Message-ID"].endswith("@scimon.example>")
    assert got.get_body(("plain",)).get_content().strip() == "plain <b>"
    assert "&lt;b&gt;" in got.get_body(("html",)).get_content()


def test_wrong_password_is_a_permanent_error() -> None:
    with LoopbackSMTP(username="bot", password="pw") as server:
        with pytest.raises(MailError) as info:
            send_smtp(_message(), _settings(server, "nope"))  # type: ignore[arg-type]
        assert server.messages == []
    assert info.value.permanent


def test_temporary_refusal_then_success() -> None:
    with LoopbackSMTP(username="bot", password="pw") as server:
        server.fail_next(451, recipient="ed@example.org")
        with pytest.raises(MailError) as info:
            send_smtp(_message(), _settings(server))  # type: ignore[arg-type]
        assert not info.value.permanent
        send_smtp(_message(), _settings(server))  # type: ignore[arg-type]
        assert len(server.to("ed@example.org")) == 1


def test_dropped_connection_is_an_error_and_nothing_arrives() -> None:
    with LoopbackSMTP() as server:
        server.drop_next(recipient="ed@example.org")
        settings = SmtpSettings("127.0.0.1", server.port, "none", None, None, 5.0)
        with pytest.raises(MailError):
            send_smtp(_message(), settings)  # type: ignore[arg-type]
        assert server.messages == []


def test_dead_server_is_a_clear_error() -> None:
    with LoopbackSMTP() as server:
        port = server.port
    settings = SmtpSettings("127.0.0.1", port, "none", None, None, 2.0)
    with pytest.raises(MailError, match=f"cannot send through 127.0.0.1:{port}"):
        send_smtp(_message(), settings)  # type: ignore[arg-type]


def test_outbox_when_no_smtp(tmp_path: Path) -> None:
    delivery = deliver(_message(), None, tmp_path, "2026-W47 ed@example.org")  # type: ignore[arg-type]
    assert delivery.via == "outbox"
    assert [p.suffix for p in delivery.paths] == [".eml", ".html"]
    assert "&lt;b&gt;" in delivery.paths[1].read_text()


@pytest.mark.parametrize("fault", ["quit_421", "drop_after_accept"])
def test_a_message_accepted_at_data_is_sent_whatever_quit_says(fault: str) -> None:
    """250 at end of DATA means the server took the message: a bad QUIT is no failure."""
    with LoopbackSMTP(username="bot", password="pw") as server:
        if fault == "quit_421":
            server.quit_next(421)
        else:
            server.drop_after_accept()
        send_smtp(_message(), _settings(server))  # type: ignore[arg-type]
        assert len(server.to("ed@example.org")) == 1
