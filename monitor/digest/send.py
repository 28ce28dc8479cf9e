"""Build, preview and send the weekly digest: exactly one per editor per ISO week.

The week's content is fixed the first time it is built (``digest`` row), each
editor has a ``digest_send`` record that a run claims atomically before
sending and marks ``sent`` only once the SMTP server accepted the message.
So a second run, a concurrent run, or a run after a crash sends only to the
editors not yet served; a refused or dropped recipient stays ``failed`` and is
retried on the next run.  Without SMTP the messages go to the outbox folder.

When every source failed since the last digest (scimon offline, NCBI down)
the week's digest is *held*: nothing is built or recorded, so the week is not
used up, and the next runs try again.  After ``[digest] hold_hours`` it goes
anyway, saying in a plain sentence that the sources could not be reached.
``resend`` delivers a week's stored digest again to one editor or all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from monitor.app import App
from monitor.digest.render import Rendered, render
from monitor.digest.select import DigestContent, arrange
from monitor.digest.weeks import due_at, iso_week, parse_week, week_start
from monitor.errors import InputError
from monitor.mail import MailError, build_message, deliver
from monitor.triage.run import topic_labeler
from storage import digests as repo
from storage.processes import this_process
from storage.trials import trial_news

log = logging.getLogger(__name__)


@dataclass
class DigestReport:
    week: str
    papers: int = 0
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    busy: list[str] = field(default_factory=list)  # claimed by a concurrent run
    outbox: list[str] = field(default_factory=list)
    dry_run: bool = False
    would_send: list[str] = field(default_factory=list)  # a dry run's recipients
    # set when held: no source answered since the last digest; sent anyway after this
    held_until: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "week": self.week, "papers": self.papers, "sent": self.sent,
            "already_sent": self.already_sent, "failed": self.failed, "busy": self.busy,
            "outbox": self.outbox, "dry_run": self.dry_run, "would_send": self.would_send,
            "held_until": self.held_until.isoformat() if self.held_until else None,
        }  # fmt: skip
        if self.held_until is not None:  # what `scimon run --once` prints for the job
            out["skipped"] = f"held until {self.held_until:%Y-%m-%d %H:%M} UTC: {HELD_REASON}"
        return out


HELD_REASON = "no source answered since the last digest"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def build_content(app: App, week: str, now: datetime, *, fixed: bool = True) -> DigestContent:
    """The week's content: the fixed one if built before, else selected now."""
    parse_week(week)
    config = app.settings.config.digest
    with app.sessions() as session:
        digest = repo.get_digest(session, week) if fixed else None
        if digest is not None:
            since, until = digest.window_start, digest.window_end
            found = repo.candidates(session, since, until, ids=digest.paper_ids)
            order = {pid: i for i, pid in enumerate(digest.paper_ids)}
            found.sort(key=lambda c: order.get(c.id, 0))
            counts = dict(digest.counts)
        else:
            since = repo.last_sent_window_end(session, week) or (
                week_start(week) - timedelta(days=7)
            )
            until = max(now, since)
            found = repo.candidates(session, since, until)
            counts = repo.window_counts(session, since, until)
        corrections = repo.corrections(session, since)
        trials = trial_news(session, since, until)
        session.expunge_all()  # the trials are rendered after the session closes
    sections = arrange(found, until.date(), config.section_cap)
    if digest is not None:  # keep the stored order and membership
        sections = arrange(found, until.date(), max(config.section_cap, len(found)))
    return DigestContent(week, since, until, sections, counts, corrections, trials)


# each app's topic labeler, with the triage file's mtime it was read at
_LABELERS: WeakKeyDictionary[App, tuple[int, Callable[[str], str]]] = WeakKeyDictionary()


def _topic_labeler(app: App) -> Callable[[str], str]:
    """The app's topic labels, read from the triage rules once per change of the file.

    Parsing the rules took about 0.3 s per digest rendered (per editor on a send
    run); the labels change only with the file."""
    settings = app.settings
    try:
        stamp = settings.sibling(settings.config.triage.file).stat().st_mtime_ns
    except OSError:
        return topic_labeler(app)  # no file: topic_labeler warns and shows ids
    cached = _LABELERS.get(app)
    if cached is None or cached[0] != stamp:
        cached = (stamp, topic_labeler(app))
        _LABELERS[app] = cached
    return cached[1]


def render_for(app: App, content: DigestContent, recipient: str) -> Rendered:
    settings = app.settings
    config = settings.config.digest
    return render(
        content, templates_dir=settings.templates_dir, base_url=config.base_url,
        recipient=recipient, topic_label=_topic_labeler(app),
        sentences=config.excerpt_sentences, likely_below=settings.config.triage.likely_below,
        secret=settings.secret_key,
    )  # fmt: skip


def preview(app: App, week: str | None = None, now: datetime | None = None) -> Rendered:
    """Render this week's digest (or the stored one) without sending or recording."""
    moment = _now(now)
    week = week or iso_week(moment)
    content = build_content(app, week, moment)
    return render_for(app, content, recipient="preview")


def is_due(app: App, now: datetime | None = None) -> bool:
    """Past the configured weekday/hour of this ISO week, and some editor not served yet."""
    moment = _now(now)
    config = app.settings.config.digest
    week = iso_week(moment.astimezone(ZoneInfo(config.timezone)))
    if moment < due_at(week, config.weekday, config.hour, config.timezone):
        return False
    editors = [e.email for e in app.settings.config.editor]
    with app.sessions() as session:
        sent = {s.editor_email for s in repo.sends_for(session, week) if s.status == "sent"}
    return bool(editors) and not set(editors) <= sent


def hold_until(app: App, week: str, now: datetime) -> datetime | None:
    """Until when the week's digest waits for a source to answer, or None to send now.

    It waits when sources were tried since the last sent digest and every one
    failed: an email saying only "nothing new" would use up the week.  The wait
    runs ``hold_hours`` from the digest's due time, or from the first failure if
    that came later (a first run offline mid-week holds too).
    """
    config = app.settings.config.digest
    if config.hold_hours == 0:
        return None
    with app.sessions() as session:
        since = repo.last_sent_window_end(session, week) or (week_start(week) - timedelta(days=7))
        health = repo.source_health(session, since, max(now, since))
    if not health.none_reached:
        return None
    start = due_at(week, config.weekday, config.hour, config.timezone)
    if health.first_failure is not None:
        start = max(start, health.first_failure)
    until = start + timedelta(hours=config.hold_hours)
    return until if now < until else None


def send_weekly(
    app: App, *, week: str | None = None, now: datetime | None = None, dry_run: bool = False
) -> DigestReport:
    """Send the week's digest to every editor not served yet (see module docstring)."""
    moment = _now(now)
    week = week or iso_week(moment)
    settings = app.settings
    editors = [e.email for e in settings.config.editor]
    report = DigestReport(week=week, dry_run=dry_run)
    with app.sessions() as session:
        built = repo.get_digest(session, week) is not None
    if not built:  # a digest already built (and maybe half sent) is never held
        report.held_until = hold_until(app, week, moment)
        if report.held_until is not None:
            log.warning("digest held week=%s until=%s: %s", week,
                        report.held_until.isoformat(), HELD_REASON)  # fmt: skip
    if dry_run:
        content = build_content(app, week, moment)
        report.papers = content.paper_count
        with app.sessions() as session:
            sent = {s.editor_email for s in repo.sends_for(session, week) if s.status == "sent"}
        report.already_sent = [e for e in editors if e in sent]
        report.would_send = [e for e in editors if e not in sent]
        return report
    if report.held_until is not None:
        return report
    with app.sessions() as session, session.begin():
        digest = repo.get_digest(session, week)
        if digest is None:
            content = build_content(app, week, moment, fixed=False)
            digest = repo.create_digest(session, week, content.since, content.until,
                                        content.paper_ids(), content.counts)  # fmt: skip
        repo.ensure_sends(session, digest, editors)
    content = build_content(app, week, moment)
    report.papers = content.paper_count
    holder = this_process()
    with app.sessions() as session:
        sends = [(s.id, s.editor_email, s.status) for s in repo.sends_for(session, week)]
    for send_id, email, status in sends:
        if email not in editors:
            continue
        if status == "sent":
            report.already_sent.append(email)
            continue
        with app.sessions() as session, session.begin():
            mine = repo.claim(session, send_id, holder)
        if not mine:
            report.busy.append(email)
            continue
        _deliver_one(app, content, send_id, email, report, resent_over=None)
    return report


def resend(
    app: App, who: str, *, week: str | None = None, now: datetime | None = None,
    dry_run: bool = False,
) -> DigestReport:  # fmt: skip
    """Send a week's stored digest again to one editor (by email) or ``all`` editors.

    Each delivery is a new attempt on the editor's send record (attempts,
    sent_at and message id updated); a failed resend leaves an earlier
    delivery standing, with the error noted.
    """
    moment = _now(now)
    week = week or iso_week(moment)
    parse_week(week)
    editors = [e.email for e in app.settings.config.editor]
    with app.sessions() as session:
        digest = repo.get_digest(session, week)
        recorded = [s.editor_email for s in repo.sends_for(session, week)]
    if digest is None:
        raise InputError(f"no digest stored for {week}",
                         "`scimon digest history` lists the weeks that have one")  # fmt: skip
    if who.strip().lower() == "all":
        targets = editors
    else:
        email = who.strip().lower()
        if email not in editors and email not in recorded:
            known = ", ".join(editors) or "none configured"
            raise InputError(f"not an editor: {who!r}", f"editors: {known}; or 'all'")
        targets = [email]
    report = DigestReport(week=week, dry_run=dry_run)
    content = build_content(app, week, moment)
    report.papers = content.paper_count
    if dry_run:
        report.would_send = list(targets)
        return report
    with app.sessions() as session, session.begin():
        stored = repo.get_digest(session, week)
        assert stored is not None
        repo.ensure_sends(session, stored, targets)
    with app.sessions() as session:
        ids = {s.editor_email: s.id for s in repo.sends_for(session, week)}
    holder = this_process()
    for email in targets:
        with app.sessions() as session, session.begin():
            previous = repo.claim_resend(session, ids[email], holder)
        if previous is None:
            report.busy.append(email)
            continue
        _deliver_one(app, content, ids[email], email, report, resent_over=previous)
    return report



def _deliver_one(
    app: App, content: DigestContent, send_id: int, email: str, report: DigestReport,
    *, resent_over: str | None,
) -> None:  # fmt: skip
    """Render and deliver one claimed send, and record how it went."""
    settings = app.settings
    config = settings.config.digest
    week = content.week
    rendered = render_for(app, content, recipient=email)
    msg = build_message(
        subject=rendered.subject, text=rendered.text, html=rendered.html,
        sender=config.sender, to=email,
        headers={"List-Id": config.list_id, "X-Scimon-Week": week},
    )  # fmt: skip
    stem = f"{week}_{email}" if resent_over is None else f"{week}_{email}_{_stamp()}"
    try:
        delivery = deliver(msg, settings.smtp, Path(settings.outbox_dir), stem)
    except MailError as exc:
        with app.sessions() as session, session.begin():
            if resent_over == "sent":
                repo.mark_resend_failed(session, send_id, str(exc))
            else:
                repo.mark_failed(session, send_id, str(exc))
        report.failed[email] = str(exc)
        log.error("digest send failed week=%s to=%s error=%s", week, email, exc)
        return
    with app.sessions() as session, session.begin():
        repo.mark_sent(session, send_id, delivery.message_id, delivery.via,
                       content.paper_count)  # fmt: skip
    report.sent.append(email)
    report.outbox.extend(str(p) for p in delivery.paths)
    log.info("digest %s week=%s to=%s via=%s papers=%s",
             "sent" if resent_over is None else "resent", week, email, delivery.via,
             content.paper_count)  # fmt: skip


def _stamp() -> str:
    """A resend's outbox files get their own name, so the first delivery stays."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
