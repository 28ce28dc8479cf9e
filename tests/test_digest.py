"""The weekly digest: selection, rendering, and exactly-once sending over real SMTP."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.config import load_settings
from monitor.digest.select import excerpt
from monitor.digest.send import is_due, preview, send_weekly
from monitor.errors import ConfigError
from monitor.records import Link
from monitor.triage.run import triage_new
from storage.digests import sends_for
from storage.ingest import ingest_records
from storage.models import Digest, DigestSend
from storage.runs import finish_run, start_run
from tests.records import make_record
from tests.smtp_server import LoopbackSMTP

REPO = Path(__file__).resolve().parents[1]
EDITORS = ["ana@example.org", "ben@example.org", "chloe@example.org"]
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday of 2026-W48, after 07:00
WEEK = "2026-W48"


def write_config(folder: Path, editors: list[str] = EDITORS) -> Path:
    lines = [
        '[ncbi]\nemail = "tests@example.org"\n',
        '[vocabulary]\nmesh = ["Spinal Cord Injuries"]\n'
        'tiab = ["spinal cord injur*", "tetrapleg*", "parapleg*"]\n',
        f'[feeds]\nfile = "{REPO / "queries" / "feeds.toml"}"\n',
        f'[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n',
        '[digest]\nweekday = "monday"\nhour = 7\ntimezone = "Europe/London"\nsection_cap = 2\n'
        'base_url = "https://scimon.example.org"\nlist_id = "SCI digest <digest.scimon.example.org>"\n'
        'sender = "scimon <bot@scimon.example.org>"\n',
    ]
    for email in editors:
        lines.append(f'[[editor]]\nname = "{email.split("@")[0]}"\nemail = "{email}"\n')
    path = folder / "sci.toml"
    path.write_text("\n".join(lines))
    return path


def seed(app: App, when: datetime = NOW - timedelta(days=2), keep: int | None = None) -> None:
    papers = [  # (pmid, DOI, title, abstract)
        ("700", "10.1038/s41393-026-00700-1",
         "Exoskeleton gait training after spinal cord injury: a randomized controlled trial",
         "BACKGROUND: Walking is limited.\nMETHODS: 120 adults with chronic spinal cord "
         "injury were randomly assigned.\nCONCLUSIONS: Training improved walking speed. "
         "Effects lasted six months. Costs were moderate."),
        ("701", "10.1038/s41393-026-00701-2",
         "Spinal cord injury <script>alert('x')</script> & bladder care: a systematic review",
         "We searched MEDLINE; 23 studies of spinal cord injury were included."),
        ("702", "10.1016/j.expneurol.2026.702",
         "Hydrogel scaffolds promote axon regeneration in rats with spinal cord injury",
         "Adult rats received a T10 contusion and a hydrogel; rats recovered."),
        ("703", "10.1016/j.knee.2026.703",
         "Knee arthroplasty outcomes in older adults",
         "Patients with osteoarthritis were followed."),
        ("704", "10.1038/s41393-026-00704-5",
         "Pressure injuries in wheelchair users with paraplegia: a cohort study",
         "A registry cohort of 2,310 people with paraplegia was followed."),
        ("705", "10.1038/s41393-026-00705-6",
         "Depression after tetraplegia: a cross-sectional survey",
         "Survey of 400 adults with tetraplegia after spinal cord injury."),
    ]  # fmt: skip
    records = [
        make_record(pmid=pmid, dois=(doi,), title=title, abstract=abstract)
        for pmid, doi, title, abstract in papers[:keep]
    ]
    ingest_records(app.sessions, records, now=when)
    triage_new(app)


@pytest.fixture
def smtp() -> Iterator[LoopbackSMTP]:
    with LoopbackSMTP(username="bot", password="secret") as server:
        yield server


@pytest.fixture
def env(database_url: str, tmp_path: Path, smtp: LoopbackSMTP) -> dict[str, str]:
    return {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_CONFIG": str(write_config(tmp_path)),
        "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
        **smtp.env(),
    }


@pytest.fixture
def app(env: dict[str, str]) -> Iterator[App]:
    application = App(env=env)
    seed(application)
    yield application
    application.close()


def only(server: LoopbackSMTP, email: str) -> EmailMessage:
    got = server.to(email)
    assert len(got) == 1, f"{email} got {len(got)} messages"
    return got[0]


def test_each_editor_gets_one_complete_message(app: App, smtp: LoopbackSMTP) -> None:
    report = send_weekly(app, week=WEEK, now=NOW)
    assert sorted(report.sent) == EDITORS and not report.failed
    assert smtp.auth_attempts and all(ok for _, ok in smtp.auth_attempts)
    msg = only(smtp, "ana@example.org")
    assert (
        msg["To"] == "ana@example.org"
        and msg["List-Id"] == "SCI digest <digest.scimon.example.org>"
    )
    assert msg["Message-ID"].endswith("@scimon.example.org>") and msg["Date"]
    assert msg["Subject"].startswith(f"SCI literature {WEEK}: 5 new papers")
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    # content: design, participants, excerpt from the conclusions, reasons, links
    assert "Randomized controlled trial" in text and "120 adults" in text
    assert "Training improved walking speed. Effects lasted six months." in text
    assert "Costs were moderate" not in text  # two sentences only
    assert "https://doi.org/10.1038/s41393-026-00700-1" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/700/" in html
    assert "https://scimon.example.org/papers/" in html and "action=to_summarize" in html
    # the off-topic paper is counted, not listed
    assert "Knee arthroplasty" not in text and "1 off-topic left out" in text
    # HTML in a title arrives escaped in HTML, as text in the plain part
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert('x')</script>" in text
    assert "<script" not in html.lower().replace("&lt;script", "")
    # section cap 2: clinical has 2 (RCT, SR); the human studies get listed too
    assert text.index("Clinical evidence") < text.index("Human studies") < text.index("Preclinical")


def test_second_run_sends_nothing(app: App, smtp: LoopbackSMTP) -> None:
    send_weekly(app, week=WEEK, now=NOW)
    again = send_weekly(app, week=WEEK, now=NOW + timedelta(hours=1))
    assert again.sent == [] and sorted(again.already_sent) == EDITORS
    assert len(smtp.messages) == 3


@pytest.mark.parametrize("fault", ["refuse", "drop", "permanent"])
def test_failed_recipient_is_retried_and_nobody_gets_two(
    app: App, smtp: LoopbackSMTP, fault: str
) -> None:
    if fault == "refuse":
        smtp.fail_next(451, recipient="ben@example.org")
    elif fault == "permanent":
        smtp.fail_next(550, "mailbox unavailable", recipient="ben@example.org")
    else:
        smtp.drop_next(recipient="ben@example.org")
    first = send_weekly(app, week=WEEK, now=NOW)
    assert sorted(first.sent) == ["ana@example.org", "chloe@example.org"]
    assert list(first.failed) == ["ben@example.org"]
    assert smtp.to("ben@example.org") == []
    with app.sessions() as session:
        ben = next(s for s in sends_for(session, WEEK) if s.editor_email == "ben@example.org")
        assert ben.status == "failed" and ben.last_error
    second = send_weekly(app, week=WEEK, now=NOW + timedelta(hours=1))
    assert second.sent == ["ben@example.org"]
    for email in EDITORS:
        only(smtp, email)
    # the retried message has the same content as the others got
    assert only(smtp, "ben@example.org")["Subject"] == only(smtp, "ana@example.org")["Subject"]


def test_concurrent_runs_send_each_editor_once(app: App, smtp: LoopbackSMTP) -> None:
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            send_weekly(app, week=WEEK, now=NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for email in EDITORS:
        only(smtp, email)


@pytest.mark.slow
def test_two_processes_send_each_editor_once(env: dict[str, str], smtp: LoopbackSMTP) -> None:
    seeded = App(env=env)
    seed(seeded)
    seeded.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "monitor", "digest", "send", "--week", WEEK],
            env={**os.environ, **env},
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    for email in EDITORS:
        only(smtp, email)


def test_outbox_without_smtp(database_url: str, tmp_path: Path) -> None:
    env = {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_CONFIG": str(write_config(tmp_path, ["ana@example.org"])),
        "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
    }
    app = App(env=env)
    seed(app)
    result = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK], env=env)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert files == [f"{WEEK}_ana@example.org.eml", f"{WEEK}_ana@example.org.html"]
    assert "written" in result.output and ".eml" in result.output
    history = CliRunner().invoke(cli, ["digest", "history"], env=env)
    assert "sent    ana@example.org" in history.output
    app.close()


def test_one_paper_is_counted_in_the_singular(database_url: str, tmp_path: Path) -> None:
    """`digest send` and `digest history` said "1 papers" (they now share count_of)."""
    env = {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_CONFIG": str(write_config(tmp_path, ["ana@example.org"])),
        "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
    }
    app = App(env=env)
    seed(app, keep=1)
    sent = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK], env=env)
    assert f"digest {WEEK}: 1 paper\n" in sent.output, sent.output
    history = CliRunner().invoke(cli, ["digest", "history"], env=env)
    assert f"{WEEK}: 1 paper\n" in history.output, history.output
    app.close()


def test_preview_and_dry_run_change_nothing(app: App, env: dict[str, str], tmp_path: Path) -> None:
    rendered = preview(app, WEEK, now=NOW)
    assert "Exoskeleton gait training" in rendered.html
    out = tmp_path / "preview.html"
    result = CliRunner().invoke(cli, ["digest", "preview", "--week", WEEK, "--out", str(out)],
                                env=env)  # fmt: skip
    assert result.exit_code == 0, result.output and out.read_text().startswith("<!DOCTYPE html>")
    dry = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--dry-run"], env=env)
    assert "dry run" in dry.output
    with app.sessions() as session:
        assert session.scalars(select(DigestSend)).all() == []


def test_a_retracted_candidate_shows_its_retraction(app: App) -> None:
    retraction = make_record(
        pmid="790", source_id="790", dois=("10.1038/s41393-026-00790-x",),
        title="Retraction Note: Exoskeleton gait training after spinal cord injury", abstract="",
        publication_types=("Retraction of Publication",),
        links=(Link(kind="RetractionOf", pmid="700"),),
    )  # fmt: skip
    ingest_records(app.sessions, [retraction], now=NOW - timedelta(days=1))
    triage_new(app)
    rendered = preview(app, WEEK, now=NOW)
    assert "Retraction Note" not in rendered.text  # the notice is no candidate
    paper = rendered.text.split("Exoskeleton gait training", 1)[1].split("\n\n", 1)[0]
    assert "!! retraction published" in paper
    assert "&#9888; retraction published" in rendered.html


def test_is_due(app: App) -> None:
    # Monday 07:00 Europe/London = 07:00 UTC in November
    assert not is_due(app, datetime(2026, 11, 23, 6, 59, tzinfo=UTC))
    assert is_due(app, datetime(2026, 11, 23, 7, 1, tzinfo=UTC))
    send_weekly(app, week=WEEK, now=NOW)
    assert not is_due(app, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    assert is_due(app, datetime(2026, 11, 30, 7, 30, tzinfo=UTC))  # next week


def test_next_week_starts_where_the_last_digest_ended(app: App, smtp: LoopbackSMTP) -> None:
    send_weekly(app, week=WEEK, now=NOW)
    ingest_records(app.sessions, [make_record(
        pmid="800", source_id="800", dois=("10.1038/s41393-026-00800-9",),
        title="Epidural stimulation for walking after spinal cord injury: a randomized trial",
    )], now=NOW + timedelta(days=3))  # fmt: skip
    triage_new(app)
    report = send_weekly(app, week="2026-W49", now=NOW + timedelta(days=7))
    assert report.papers == 1
    texts = [m.get_body(("plain",)).get_content() for m in smtp.to("ana@example.org")]  # type: ignore[union-attr]
    assert "Epidural stimulation" in texts[1] and "Exoskeleton" not in texts[1]


def test_excerpt() -> None:
    assert excerpt("BACKGROUND: A. B.\nCONCLUSIONS: One here. Two here. Three.", 2) == (
        "One here. Two here."
    )
    assert excerpt("Plain abstract. Second sentence. Third.", 1) == "Plain abstract."


@pytest.mark.parametrize("fault", ["quit_421", "drop_after_accept"])
def test_accepted_message_is_not_resent_when_quit_fails(
    app: App, smtp: LoopbackSMTP, fault: str
) -> None:
    """Issue 18 item 7: a 421 to QUIT after 250 to DATA marked the send failed, and resent it."""
    if fault == "quit_421":
        smtp.quit_next(421)
    else:
        smtp.drop_after_accept(recipient="ana@example.org")
    first = send_weekly(app, week=WEEK, now=NOW)
    assert not first.failed and sorted(first.sent) == EDITORS
    with app.sessions() as session:
        assert {s.editor_email: s.status for s in sends_for(session, WEEK)} == dict.fromkeys(
            EDITORS, "sent"
        )
    again = send_weekly(app, week=WEEK, now=NOW + timedelta(hours=1))
    assert again.sent == [] and not again.failed
    for email in EDITORS:
        only(smtp, email)


# -- issue 18 item 9: every source failed ------------------------------------------

RAW_ERROR = "ConnectError: [Errno 111] Connection refused"
DUE = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 2026-W48's due time (07:00 London = UTC)


def fetch_run(app: App, source: str, at: datetime, ok: bool) -> None:
    """A fetch_run row as ingest/run.py writes it, at a chosen time."""
    kind = source.split(":", 1)[0]
    with app.sessions() as session, session.begin():
        run_id = start_run(session, source, kind, now=at)
        finish_run(session, run_id, "ok" if ok else "failed", {},
                   None if ok else RAW_ERROR, now=at + timedelta(minutes=1))  # fmt: skip


def offline(app: App, at: datetime) -> None:
    fetch_run(app, "pubmed:sci", at, ok=False)
    fetch_run(app, "feed:spinal-cord", at, ok=False)


def bodies(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return text, html


def nothing_recorded(app: App) -> bool:
    with app.sessions() as session:
        return (
            session.scalars(select(Digest)).all() == []
            and session.scalars(select(DigestSend)).all() == []
        )


def test_digest_is_held_while_every_source_fails_then_sent_plainly(
    app: App, smtp: LoopbackSMTP
) -> None:
    fetch_run(app, "pubmed:sci", datetime(2026, 11, 14, 5, 0, tzinfo=UTC), ok=True)  # last week
    offline(app, DUE - timedelta(hours=2))
    held = send_weekly(app, week=WEEK, now=NOW)
    assert smtp.messages == [] and held.sent == []
    assert held.held_until == DUE + timedelta(hours=48)
    assert nothing_recorded(app)  # the week is not used up
    assert is_due(app, NOW + timedelta(hours=1))  # so the next runs try again
    offline(app, NOW + timedelta(hours=20))
    again = send_weekly(app, week=WEEK, now=NOW + timedelta(hours=24))
    assert smtp.messages == [] and again.held_until == DUE + timedelta(hours=48)
    assert nothing_recorded(app)
    # the grace period is over: it goes, with a plain sentence and no raw error
    late = send_weekly(app, week=WEEK, now=DUE + timedelta(hours=48, minutes=1))
    assert late.held_until is None and sorted(late.sent) == EDITORS
    with app.sessions() as session:
        assert {s.status for s in sends_for(session, WEEK)} == {"sent"}
    for email in EDITORS:
        text, html = bodies(only(smtp, email))
        for body in (text, html):
            assert "could not reach PubMed or the journals this week" in body
            assert "arrived before it lost contact (last reached 14 Nov 2026)" in body
            assert "ConnectError" not in body and "Errno" not in body
        assert "Exoskeleton gait training" in text  # what arrived before is still there
    assert "not reached" in only(smtp, "ana@example.org")["Subject"]


def test_a_source_that_answers_lifts_the_hold_and_errors_stay_out_of_the_email(
    app: App, smtp: LoopbackSMTP
) -> None:
    offline(app, DUE - timedelta(hours=2))
    assert send_weekly(app, week=WEEK, now=NOW).held_until is not None
    fetch_run(app, "feed:spinal-cord", NOW + timedelta(hours=3), ok=True)
    report = send_weekly(app, week=WEEK, now=NOW + timedelta(hours=4))
    assert report.held_until is None and sorted(report.sent) == EDITORS
    text, html = bodies(only(smtp, "ana@example.org"))
    for body in (text, html):
        assert "ConnectError" not in body and "Errno" not in body
        assert "could not reach" not in body
        assert "Some sources did not answer this week" in body
        assert "PubMed (sci)" in body


def test_a_held_digest_goes_out_after_the_next_scheduled_fetch(
    app: App, smtp: LoopbackSMTP, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The weekly fire held it; a later scheduled fetch that reaches a source sends it."""
    from monitor.schedule import jobs

    offline(app, DUE - timedelta(hours=2))
    assert send_weekly(app, week=WEEK, now=NOW).held_until is not None
    assert jobs.catch_up_digest(app, now=NOW + timedelta(hours=1)) is not None  # still held
    assert smtp.messages == [] and nothing_recorded(app)
    fetch_run(app, "feed:spinal-cord", NOW + timedelta(hours=3), ok=True)
    result = jobs.catch_up_digest(app, now=NOW + timedelta(hours=4))
    assert result is not None and result["outcome"] == "ok"
    assert sorted(m["To"] for m in smtp.messages) == EDITORS
    # delivered: later fetches leave it alone, and nobody gets a second copy
    assert jobs.catch_up_digest(app, now=NOW + timedelta(hours=8)) is None
    assert len(smtp.messages) == len(EDITORS)
    # the scheduler's entry point tries it after fetch jobs only
    calls: list[str] = []
    monkeypatch.setattr(jobs, "App", lambda: app)
    monkeypatch.setattr(app, "close", lambda: None)
    monkeypatch.setattr(jobs, "record_and_execute", lambda _app, job_id: calls.append(job_id))
    monkeypatch.setattr(jobs, "catch_up_digest", lambda _app: calls.append("catch-up"))
    jobs.run_job("fetch:feeds")
    jobs.run_job("digest:weekly")
    assert calls == ["fetch:feeds", "catch-up", "digest:weekly"]


def test_hold_hours_zero_sends_at_once_and_the_setting_is_validated(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP
) -> None:
    config = write_config(tmp_path, ["ana@example.org"])
    config.write_text(config.read_text().replace("section_cap = 2\n",
                                                 "section_cap = 2\nhold_hours = 0\n"))  # fmt: skip
    app = App(env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config),
                   **smtp.env()})  # fmt: skip
    try:
        offline(app, DUE - timedelta(hours=2))
        report = send_weekly(app, week=WEEK, now=NOW)
        assert report.held_until is None and report.sent == ["ana@example.org"]
        text, _ = bodies(only(smtp, "ana@example.org"))
        assert "so there are no new papers to show" in text and "ConnectError" not in text
    finally:
        app.close()
    config.write_text(config.read_text().replace("hold_hours = 0", "hold_hours = -1"))
    with pytest.raises(ConfigError, match=r"digest\.hold_hours"):
        load_settings(config, env={})


def dead_port() -> int:
    """A loopback port nobody listens on: connections are refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_first_command_offline_does_not_use_up_the_week(database_url: str, tmp_path: Path) -> None:
    """The README's `scimon db upgrade && scimon run --once`, with every source unreachable."""
    port = dead_port()
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nname = "spinal-cord"\njournal = "Spinal Cord"\n'
                     f'url = "http://127.0.0.1:{port}/sc.rss"\n')  # fmt: skip
    today = datetime.now(UTC)
    config = tmp_path / "sci.toml"
    config.write_text(
        '[ncbi]\nemail = "tests@example.org"\nmax_attempts = 1\ntimeout = 5\n'
        '[vocabulary]\ntiab = ["spinal cord injur*"]\n'
        '[[pubmed.query]]\nname = "sci"\n'
        f'[feeds]\nfile = "{feeds}"\n[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
        # due since midnight today, so the run always tries the digest
        f'[digest]\nweekday = "{today.strftime("%A").lower()}"\nhour = 0\ntimezone = "UTC"\n'
        '[[editor]]\nname = "Editor"\nemail = "editor@example.org"\n'
    )
    outbox = tmp_path / "outbox"
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config),
           "SCIMON_OUTBOX_DIR": str(outbox),
           "SCIMON_EUTILS_URL": f"http://127.0.0.1:{port}/entrez/eutils/"}  # fmt: skip
    result = CliRunner().invoke(cli, ["run", "--once"], env=env)
    assert result.exit_code == 1, result.output  # the sources failed
    assert "digest:weekly" in result.output and "held" in result.output
    assert not outbox.exists() or list(outbox.iterdir()) == []
    app = App(env=env)
    try:
        assert nothing_recorded(app)
        send = CliRunner().invoke(cli, ["digest", "send"], env=env)
        assert send.exit_code == 0, send.output
        assert "held" in send.output and "sent to" not in send.output
        assert nothing_recorded(app)
    finally:
        app.close()


# -- digest send --dry-run / --resend ----------------------------------------------


def test_dry_run_lists_who_would_receive_it(app: App, env: dict[str, str]) -> None:
    send_weekly(app, week=WEEK, now=NOW)
    with app.sessions() as session, session.begin():
        ben = next(s for s in sends_for(session, WEEK) if s.editor_email == "ben@example.org")
        ben.status = "failed"
    dry = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert "would send to ben@example.org" in dry.output
    assert "already sent to ana@example.org" in dry.output
    assert "would send to ana@example.org" not in dry.output


def test_dry_run_before_the_first_send_lists_every_editor(app: App, env: dict[str, str]) -> None:
    dry = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--dry-run"], env=env)
    for email in EDITORS:
        assert f"would send to {email}" in dry.output
    assert nothing_recorded(app)


def test_resend_to_one_editor_then_all(app: App, env: dict[str, str], smtp: LoopbackSMTP) -> None:
    send_weekly(app, week=WEEK, now=NOW)
    with app.sessions() as session:
        first_id = next(s.message_id for s in sends_for(session, WEEK)
                        if s.editor_email == "ben@example.org")  # fmt: skip
    one = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--resend", "Ben@example.org"],
                             env=env)  # fmt: skip
    assert one.exit_code == 0, one.output
    assert "resent to ben@example.org" in one.output
    assert len(smtp.to("ben@example.org")) == 2 and len(smtp.to("ana@example.org")) == 1
    first, second = smtp.to("ben@example.org")
    assert first["Subject"] == second["Subject"]  # the stored digest, not a new selection
    with app.sessions() as session:
        ben = next(s for s in sends_for(session, WEEK) if s.editor_email == "ben@example.org")
        assert ben.status == "sent" and ben.attempts == 2
        assert ben.message_id == second["Message-ID"] != first_id
    every = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--resend", "all"], env=env)
    assert every.exit_code == 0, every.output
    assert [len(smtp.to(e)) for e in EDITORS] == [2, 3, 2]


def test_resend_refuses_unknown_editor_and_missing_week(app: App, env: dict[str, str]) -> None:
    none_yet = CliRunner().invoke(cli, ["digest", "send", "--week", WEEK, "--resend", "all"],
                                  env=env)  # fmt: skip
    assert none_yet.exit_code != 0 and f"no digest stored for {WEEK}" in str(none_yet.exception)
    send_weekly(app, week=WEEK, now=NOW)
    stranger = CliRunner().invoke(
        cli, ["digest", "send", "--week", WEEK, "--resend", "eve@example.org"], env=env
    )
    assert stranger.exit_code != 0 and "not an editor" in str(stranger.exception)


def test_a_failed_resend_leaves_the_first_delivery_standing(
    app: App, env: dict[str, str], smtp: LoopbackSMTP
) -> None:
    send_weekly(app, week=WEEK, now=NOW)
    smtp.fail_next(451, recipient="ana@example.org")
    result = CliRunner().invoke(
        cli, ["digest", "send", "--week", WEEK, "--resend", "ana@example.org"], env=env
    )
    assert result.exit_code == 1
    with app.sessions() as session:
        ana = next(s for s in sends_for(session, WEEK) if s.editor_email == "ana@example.org")
        assert ana.status == "sent" and ana.attempts == 2
        assert ana.last_error and ana.last_error.startswith("resend failed")
    # and the next scheduled run does not send it again on its own
    assert send_weekly(app, week=WEEK, now=NOW + timedelta(hours=1)).sent == []
    assert len(smtp.to("ana@example.org")) == 1
