"""A real SMTP server on loopback for tests (aiosmtpd), with AUTH and fault injection.

Tests send through ``monitor.mail`` to this server exactly as they would to a
production relay, then parse what arrived with the ``email`` package.

    with LoopbackSMTP(username="bot", password="pw") as smtp:
        smtp.fail_next(451, recipient="b@example.org")   # temporary refusal, once
        smtp.drop_next(recipient="c@example.org")        # connection dropped at DATA
        smtp.quit_next(421)                   # message accepted, then 421 to QUIT
        smtp.drop_after_accept()              # 250 to DATA, then the connection drops
        ... send ...
        smtp.messages    # list of (envelope recipients, EmailMessage)
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


@dataclass
class _Fault:
    kind: str  # "code" | "drop" | "quit" | "drop_after"
    code: int = 451
    text: str = "Try again later"
    recipient: str | None = None
    times: int = 1


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage


class _Handler:
    def __init__(self, server: LoopbackSMTP) -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        fault = self.server._take_fault(address, stage="rcpt")
        if fault is not None and fault.kind == "code":
            return f"{fault.code} {fault.text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: Any, session: Session, envelope: Envelope) -> str:
        drop_after = False
        for rcpt in envelope.rcpt_tos:
            fault = self.server._take_fault(rcpt, stage="data")
            if fault is not None and fault.kind == "drop":
                transport = smtp.transport
                if transport is not None:
                    transport.close()
                return "421 closing"
            if fault is not None and fault.kind == "drop_after":
                drop_after = True
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        with self.server._lock:
            self.server.received.append(
                Received(str(envelope.mail_from), list(envelope.rcpt_tos), msg)
            )
        if drop_after and smtp.transport is not None:
            # the message is stored and 250 goes out (aiosmtpd writes it as soon as
            # this returns); the line goes dead on the loop's next turn, before the
            # client can say QUIT (a relay restarting, a NAT timeout)
            asyncio.get_running_loop().call_soon(smtp.transport.close)
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, smtp: Any, session: Session, envelope: Envelope) -> str:
        fault = self.server._take_fault("", stage="quit")
        if fault is not None:
            return f"{fault.code} {fault.text}"
        return "221 Bye"


@dataclass
class LoopbackSMTP:
    """aiosmtpd on 127.0.0.1 and a free port; plain SMTP, optional AUTH."""

    username: str | None = None
    password: str | None = None
    received: list[Received] = field(default_factory=list)
    port: int = 0
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._controller: Controller | None = None
        self.auth_attempts: list[tuple[str, bool]] = []

    # -- fault injection ---------------------------------------------------------
    def _add(self, fault: _Fault) -> None:
        """Queue a fault; the server's thread takes them, hence the lock."""
        with self._lock:
            self._faults.append(fault)

    def fail_next(
        self, code: int = 451, text: str = "Try again later", *, recipient: str | None = None,
        times: int = 1,
    ) -> None:  # fmt: skip
        """Refuse RCPT TO (of ``recipient``, or anyone) with ``code`` ``times`` times."""
        self._add(_Fault("code", code, text, recipient, times))

    def drop_next(self, *, recipient: str | None = None, times: int = 1) -> None:
        """Close the connection at DATA for a message to ``recipient``."""
        self._add(_Fault("drop", recipient=recipient, times=times))

    def quit_next(
        self, code: int = 421, text: str = "Service closing transmission channel", *,
        times: int = 1,
    ) -> None:  # fmt: skip
        """Answer the next QUIT with ``code`` (after the message was accepted at DATA)."""
        self._add(_Fault("quit", code, text, None, times))

    def drop_after_accept(self, *, recipient: str | None = None, times: int = 1) -> None:
        """Store the message, answer 250 to DATA, then close the connection."""
        self._add(_Fault("drop_after", recipient=recipient, times=times))

    def _take_fault(self, address: str, *, stage: str) -> _Fault | None:
        wanted = {"rcpt": ("code",), "data": ("drop", "drop_after"), "quit": ("quit",)}[stage]
        with self._lock:
            for fault in self._faults:
                if fault.kind not in wanted:
                    continue
                if fault.recipient is not None and fault.recipient.lower() != address.lower():
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    # -- auth --------------------------------------------------------------------
    def _authenticate(
        self, server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode()
        ok = user == self.username and auth_data.password.decode() == self.password
        self.auth_attempts.append((user, ok))
        return AuthResult(success=ok, handled=False)

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> LoopbackSMTP:
        kwargs: dict[str, Any] = {}
        if self.username is not None:
            kwargs.update(
                authenticator=self._authenticate, auth_required=True, auth_require_tls=False
            )
        # aiosmtpd connects to its own port to check it started, so port 0 cannot
        # be used directly: ask the OS for a free port first.
        with socket.socket() as probe:
            probe.bind((self.host, 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> LoopbackSMTP:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [r.message for r in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        """Messages whose envelope included ``address``."""
        with self._lock:
            return [
                r.message for r in self.received if address.lower() in map(str.lower, r.recipients)
            ]

    def env(self) -> dict[str, str]:
        """SCIMON_SMTP_* variables that point scimon at this server."""
        out = {"SCIMON_SMTP_HOST": self.host, "SCIMON_SMTP_PORT": str(self.port),
               "SCIMON_SMTP_SECURITY": "none", "SCIMON_SMTP_TIMEOUT": "5"}  # fmt: skip
        if self.username is not None:
            out["SCIMON_SMTP_USER"] = self.username
            out["SCIMON_SMTP_PASSWORD"] = self.password or ""
        return out
