"""The weekly email digest editors read (selection, rendering, sending)."""

from monitor.digest.send import (
    DigestReport,
    build_content,
    hold_until,
    is_due,
    preview,
    resend,
    send_weekly,
)

__all__ = [
    "DigestReport", "build_content", "hold_until", "is_due", "preview", "resend", "send_weekly",
]  # fmt: skip
