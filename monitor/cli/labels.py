"""``scimon labels import|export`` and ``scimon learn``."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from monitor.app import App
from monitor.cli.common import echo_json, json_option, pass_app
from monitor.errors import InputError


@click.group("labels")
def labels() -> None:
    """Editors' labels: every decision and triage correction, imported or exported."""


@labels.command("import")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--editor", help="Whose decisions these are (default: import:<file name>).")
@click.option("--level", type=click.Choice(["abstract", "final"]), default="abstract",
              show_default=True,
              help="Which decision counts where the export has two levels.")  # fmt: skip
@json_option
@pass_app
def labels_import(app: App, file: Path, editor: str | None, level: str, as_json: bool) -> None:
    """Import include/exclude decisions (CSV, RIS, Rayyan BibTeX) as labels."""
    from monitor.ingest.labels import import_labels

    try:
        report = import_labels(app, file, editor=editor, level=level).as_dict()
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        echo_json(report)
        return
    click.echo(f"{report['records']} decisions ({report['includes']} include): "
               f"{report['matched']} matched stored papers, {report['created']} new papers; "
               f"{report['labelled']} labels added, {report['unchanged']} unchanged")  # fmt: skip


@labels.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the CSV here (default: standard output).")  # fmt: skip
@pass_app
def labels_export(app: App, out: Path | None) -> None:
    """Every label as CSV: paper ids, editor, kind, value, reason, time, versions."""
    from storage.labels import export_labels

    handle = out.open("w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = csv.writer(handle)
        writer.writerow(["pmid", "doi", "title", "editor", "kind", "value", "reason",
                         "created_at", "rules_version", "model_version"])  # fmt: skip
        with app.sessions() as session:
            for label, paper in export_labels(session):
                writer.writerow([paper.pmid or "", paper.doi or "", paper.title, label.editor,
                                 label.kind, label.value, label.reason or "",
                                 label.created_at.isoformat(), label.rules_version or "",
                                 label.model_version or ""])  # fmt: skip
    finally:
        if out:
            handle.close()


@click.command("learn")
@json_option
@pass_app
def learn(app: App, as_json: bool) -> None:
    """Train the preference model from the labels and rescore every paper."""
    from monitor.triage.learn import learn as train_model

    report = train_model(app).as_dict()
    if as_json:
        echo_json(report)
        return
    if not report["trained"]:
        click.echo(report["note"])
        return
    f = report["figures"]
    click.echo(f"model v{report['version']}: {report['positives']} summarized, "
               f"{report['negatives']} skipped; out-of-fold AUC {f['auc']}, WSS@95 {f['wss95']}, "
               f"recall@10% {f['recall_at_10']}; {report['scored']} papers rescored "
               f"in {report['seconds']} s")  # fmt: skip


COMMANDS = [labels, learn]
