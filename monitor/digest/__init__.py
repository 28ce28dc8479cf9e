"""The weekly email digest editors read (selection, rendering, sending)."""

from monitor.digest.send import DigestReport, build_content, is_due, preview, send_weekly

__all__ = ["DigestReport", "build_content", "is_due", "preview", "send_weekly"]
