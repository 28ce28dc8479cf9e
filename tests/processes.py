"""Child processes of a test's process, read from /proc (Linux), to prove none is left."""

from __future__ import annotations

from pathlib import Path


def _stat(pid: str | int) -> list[str] | None:
    try:
        # the command name may hold spaces and parentheses: fields follow the last ")"
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children_of(pid: int, *, command: bytes = b"") -> list[int]:
    """Live (not zombie) children of ``pid`` whose command line contains ``command``."""
    out = []
    for proc in Path("/proc").glob("[0-9]*"):
        fields = _stat(proc.name)
        if fields is None or int(fields[1]) != pid or fields[0] == "Z":
            continue
        try:
            if command and command not in (proc / "cmdline").read_bytes():
                continue
        except OSError:
            continue
        out.append(int(proc.name))
    return out


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"
