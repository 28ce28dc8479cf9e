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
from monitor.digest import is_due, preview, send_weekly
from monitor.digest.select import excerpt
from monitor.records import Link
from monitor.triage.run import triage_new
from storage.digests import sends_for
from storage.ingest import ingest_records
from storage.models import DigestSend
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


def seed(app: App, when: datetime = NOW - timedelta(days=2)) -> None:
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
        for pmid, doi, title, abstract in papers
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
