"""The classifying process of ``scimon import``: triage rows for records it is sent.

``scimon import`` parses and stores in one process and classifies in this
one (``monitor.ingest.classifier``, issue 23): neither holds both the
parse and store path (lxml, SQLAlchemy, the batches) and the triage rules
with the automata RE2 grows for them over a file.  This process imports no
SQLAlchemy, lxml or Alembic: the records arrive parsed, and what it sends
back are plain row values (``monitor.ingest.pretriage.triage_values``), not
``Triage`` objects whose unpickling would import the triage modules in the
parent.  Nor pydantic (about 20 MiB): the parent reads and checks the rules
file and sends the checked values (``monitor.rule_spec.RuleSpec``, plain
strings), which ``monitor.triage.rules.build_rules`` compiles.

Protocol, one pickled frame each way per message (:func:`write_frame`):
the parent sends a ``RuleSpec`` and the child answers
``("ready", rules_version)`` or ``("error", exception)``; then each request
``(kind, seq, records)`` gets ``(seq, result)``, in order.  Records travel as
``monitor.records.for_triage`` tuples (no authors or extra: triage reads neither):

- ``"parsed"``: records as parsed; each is classified as a first import
  would store it (``as_written``) and the result lists their values in order
  (the parent matches them to the papers it wrote from those very records);
- ``"written"``: records as triage reads a written paper back
  (``record_from_written``); the result lists their values in order;
- ``"modules"``: no records; the result lists the modules this process has
  imported (``sys.modules``), which the tests read.

A request that raises is answered with a message (a ``str``, its traceback
on stderr) and the child goes on: one record triage fails on fails
the batch that holds it, as in a fetch, not every later file of the import.

The child ends when its stdin closes (the parent finished, or died: a killed
import leaves no orphan), and dies of a broken pipe when nobody reads it.
"""

from __future__ import annotations

import pickle
import struct
import sys
import traceback
from typing import IO, Any

_HEADER = struct.Struct("!Q")  # payload length


def write_frame(stream: IO[bytes], obj: Any) -> None:
    """Pickle ``obj`` into one frame on ``stream`` and flush it."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next frame's object; ``None`` at the end of the stream (or a cut frame)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return pickle.loads(payload)  # noqa: S301 - our own parent's or child's frames


def main() -> int:
    """Load the rules, then answer requests until stdin closes."""
    from monitor.ingest.pretriage import as_written, triage_values
    from monitor.records import from_triage

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    spec = read_frame(stdin)
    if spec is None:  # the parent gave up before sending it
        return 0
    try:
        from monitor.triage import classify_many
        from monitor.triage.rules import build_rules

        rules = build_rules(spec)
    except Exception as exc:  # a pattern that passed the checks and does not compile
        write_frame(stdout, ("error", exc))
        return 0
    write_frame(stdout, ("ready", rules.version))
    while (request := read_frame(stdin)) is not None:
        kind, seq, sent = request
        result: list[Any] | str
        try:
            records = [from_triage(values) for values in sent]
            if kind == "modules":
                result = sorted(sys.modules)
            elif kind == "parsed":
                triages = classify_many([as_written(r) for r in records], rules)
                result = [triage_values(t) for t in triages]
            else:
                result = [triage_values(t) for t in classify_many(records, rules)]
        except Exception as exc:  # one bad record: its batch fails, the child goes on
            traceback.print_exc()
            # a str, not an exception of this module: run as __main__, its classes
            # would not unpickle in the parent
            result = f"triage failed: {type(exc).__name__}: {exc}"
        write_frame(stdout, (seq, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
