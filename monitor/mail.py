"""Build and deliver email: SMTP when configured, else an outbox folder.

Messages are multipart/alternative (text first, HTML second) with a proper
Message-ID and Date.  With no SMTP configured (the embedded default) each
message is written as ``.eml`` plus its HTML part as ``.html`` so it can be
opened in a browser; nothing is sent.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from monitor.config import SmtpSettings
from monitor.errors import MonitorError

log = logging.getLogger(__name__)


class MailError(MonitorError):
    """The server refused a message or could not be reached; retry later."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Delivery:
    """Where a message went: the SMTP server, or files in the outbox."""

    message_id: str
    via: str  # "smtp" | "outbox"
    paths: tuple[Path, ...] = ()


def build_message(
    *,
    subject: str,
    text: str,
    html: str | None,
    sender: str,
    to: str,
    headers: dict[str, str] | None = None,
    domain: str | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject.replace("\n", " ").strip()
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=domain or _domain(sender))
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg


def _domain(address: str) -> str:
    match = re.search(r"@([A-Za-z0-9.-]+)", address)
    return match.group(1) if match else "scimon.localhost"


def send_smtp(msg: EmailMessage, smtp: SmtpSettings) -> None:
    """Send one message; raise MailError (with .permanent for 5xx refusals).

    The message is sent once the server answers 250 at the end of DATA: what
    QUIT then gets (a 421, a dropped line) is logged and ignored.  Reporting it
    as a failure would make the caller send the same digest again.
    """
    try:
        client = _connect(smtp)
    except smtplib.SMTPResponseException as exc:
        raise _response_error(exc, smtp) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through {smtp.host}:{smtp.port}: {exc}") from exc
    try:
        try:
            client.ehlo()
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if smtp.username:
                client.login(smtp.username, smtp.password or "")
            refused = client.send_message(msg)
        except smtplib.SMTPResponseException as exc:
            raise _response_error(exc, smtp) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError(f"recipients refused by {smtp.host}: {exc.recipients}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(f"cannot send through {smtp.host}:{smtp.port}: {exc}") from exc
    except BaseException:  # not delivered: close the session whatever went wrong
        _close(client, smtp, accepted=False)
        raise
    _close(client, smtp, accepted=True)
    if refused:
        raise MailError(f"recipients refused: {refused}")


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.security == "tls":
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    return smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)


def _response_error(exc: smtplib.SMTPResponseException, smtp: SmtpSettings) -> MailError:
    text = (
        exc.smtp_error.decode(errors="replace")
        if isinstance(exc.smtp_error, bytes)
        else str(exc.smtp_error)
    )
    return MailError(
        f"SMTP {exc.smtp_code} from {smtp.host}: {text}", permanent=500 <= exc.smtp_code < 600
    )


def _close(client: smtplib.SMTP, smtp: SmtpSettings, *, accepted: bool) -> None:
    """Say QUIT and close; whatever QUIT gets cannot undo or fail a delivery."""
    try:
        code, reply = client.quit()
        if accepted and code != 221:
            log.warning("SMTP %s answered QUIT with %s %s after accepting the message",
                        smtp.host, code, reply.decode(errors="replace"))  # fmt: skip
    except (smtplib.SMTPException, OSError) as exc:
        if accepted:
            log.warning("SMTP %s: QUIT failed after the message was accepted: %s", smtp.host, exc)
    finally:
        client.close()


def write_outbox(msg: EmailMessage, outbox: Path, stem: str) -> tuple[Path, ...]:
    """Write ``stem.eml`` (and ``stem.html``) atomically into the outbox."""
    outbox.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._@-]+", "_", stem)[:150]
    eml = outbox / f"{safe}.eml"
    tmp = eml.with_suffix(".eml.tmp")
    tmp.write_bytes(bytes(msg))
    tmp.replace(eml)
    paths = [eml]
    html_part = msg.get_body(preferencelist=("html",))
    if html_part is not None:
        html_path = outbox / f"{safe}.html"
        html_path.write_text(html_part.get_content(), encoding="utf-8")
        paths.append(html_path)
    return tuple(paths)


def deliver(msg: EmailMessage, smtp: SmtpSettings | None, outbox: Path, stem: str) -> Delivery:
    """Send through SMTP if configured, else write to the outbox."""
    message_id = str(msg["Message-ID"])
    if smtp is None:
        return Delivery(message_id, "outbox", write_outbox(msg, outbox, stem))
    send_smtp(msg, smtp)
    return Delivery(message_id, "smtp")
