"""The docs and the command line agree, both ways.

As sqlite-utils' tests/test_docs.py does, this walks the click command tree
(``monitor.cli.cli``) instead of trusting anyone to remember the docs:

- every command and every long option in the code has its line under the
  command's heading in docs/cli.md;
- every command heading in docs/cli.md, and every ``--option`` written under
  it, exists in the code (a removed or misspelt option fails);
- every ``scimon ...`` command line quoted in README.md and docs/*.md names
  commands and options that exist.

Tests are parametrized per command, so a failure names the command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from monitor.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CLI_MD = ROOT / "docs" / "cli.md"
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FLAG = re.compile(r"--[a-z][a-z0-9-]*")
# "## `scimon papers show DOI|PMID`": the lowercase words are the command's path
HEADING = re.compile(r"^#{2,6} `scimon((?: [a-z][a-z-]*)*)(?: [^`]*)?`\s*$")
# "- `--since DATE`: ..." or "- `--standby` / `--no-wait`: ...": the option's own line
OPTION_LINE = re.compile(r"^- ((?:`[^`]+`(?: / )?)+):")
SCIMON_SPAN = re.compile(r"`(scimon(?:\s[^`]*)?)`")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
SHELL_SCIMON = re.compile(r"(?:^|[\s/])(scimon(?:\s.*)?)$")


def _walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name, sub in sorted(subcommands(command).items()):
            if not sub.hidden:
                yield from _walk(sub, (*path, name))


def subcommands(group: click.Group) -> dict[str, click.Command]:
    """A group's commands, loading those ``monitor.cli.LazyGroup`` loads on use."""
    ctx = click.Context(group)
    found = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


COMMANDS = dict(_walk(cli))


def long_flags(command: click.Command) -> set[str]:
    """Every long flag of a command, both sides of ``--standby/--no-wait``; not --help."""
    flags: set[str] = set()
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            flags.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
    flags.discard("--help")
    return flags


def doc_sections(text: str) -> dict[str, str]:
    """docs/cli.md cut at its ``scimon ...`` headings: command path -> the text under it."""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("#"):
            match = HEADING.match(line)
            current = match.group(1).strip() if match else None
            if current is not None:
                assert current not in sections, f"docs/cli.md: `scimon {current}` twice"
                sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def documented_options(section: str) -> set[str]:
    """The long flags that have their own line in a section."""
    flags: set[str] = set()
    for line in section.splitlines():
        if match := OPTION_LINE.match(line):
            flags.update(FLAG.findall(match.group(1)))
    return flags


def references(text: str) -> list[str]:
    """Command lines quoted in a doc: inline `scimon ...` spans and shell lines in fences."""
    refs = []
    for block in FENCE.findall(text):
        for line in block.splitlines()[1:-1]:
            for part in re.split(r"&&|;| \| ", line):
                part = re.sub(r"\s#.*$", "", part).rstrip(" \\")
                if match := SHELL_SCIMON.search(part):
                    refs.append(match.group(1))
    refs += [m.group(1) for m in SCIMON_SPAN.finditer(FENCE.sub("", text))]
    return [" ".join(r.replace("\\|", "|").split()) for r in refs]


def reference_errors(ref: str) -> list[str]:
    """What in one quoted command line does not exist: a (sub)command or an option."""
    tokens = ref.split()[1:]
    candidates: list[click.Command] = [cli]
    root_flags = long_flags(cli)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        group = candidates[0]
        if len(candidates) == 1 and isinstance(group, click.Group):
            if token in root_flags and group is cli:  # scimon --log-level DEBUG fetch
                option = next(p for p in cli.params if token in getattr(p, "opts", ()))
                i += 1 if getattr(option, "is_flag", False) else 2
                continue
            if re.fullmatch(r"[a-z][a-z-]*(\|[a-z][a-z-]*)*", token):  # preview|send|history
                names = token.split("|")
                missing = [n for n in names if n not in subcommands(group)]
                if missing:
                    return [f"no command `{group.name} {missing[0]}`"]
                candidates = [subcommands(group)[n] for n in names]
                i += 1
                continue
        break
    known = set().union(*(long_flags(c) for c in candidates)) | {"--help"}
    return [
        f"no option {flag} on {' / '.join(str(c.name) for c in candidates)}"
        for token in tokens[i:]
        for flag in FLAG.findall(token)
        if flag not in known
    ]


SECTIONS = doc_sections(CLI_MD.read_text(encoding="utf-8"))
REFERENCES = [
    pytest.param(ref, id=f"{path.name}: {ref[:60]}")
    for path in DOC_FILES
    for ref in references(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: f"scimon {p}".strip())
def test_command_is_documented(path: str) -> None:
    """Each command in the code has a heading in docs/cli.md and a line per long option."""
    command = COMMANDS[path]
    assert (command.help or command.short_help or "").strip(), f"`scimon {path}` has no help text"
    assert path in SECTIONS, f"docs/cli.md has no heading for `{f'scimon {path}'.strip()}`"
    missing = sorted(long_flags(command) - documented_options(SECTIONS[path]))
    assert not missing, f"docs/cli.md, `scimon {path}`: no line for {', '.join(missing)}"


@pytest.mark.parametrize("path", list(SECTIONS), ids=lambda p: f"docs: scimon {p}".strip())
def test_documented_command_exists(path: str) -> None:
    """Each heading in docs/cli.md is a command, and each --option under it is its option."""
    assert path in COMMANDS, f"docs/cli.md documents `scimon {path}`, which does not exist"
    prose = SCIMON_SPAN.sub("", SECTIONS[path])  # quoted command lines are checked on their own
    unknown = sorted(set(FLAG.findall(prose)) - long_flags(COMMANDS[path]) - {"--help"})
    assert not unknown, f"docs/cli.md, `scimon {path}`: {', '.join(unknown)} do not exist"


@pytest.mark.parametrize("ref", REFERENCES)
def test_quoted_command_line_exists(ref: str) -> None:
    """``scimon ...`` lines in README.md and docs/*.md use commands and options that exist."""
    assert not reference_errors(ref), f"{ref!r}: {'; '.join(reference_errors(ref))}"


def test_the_checks_see_the_docs() -> None:
    """The parsers above find what they should, so the tests cannot pass on nothing."""
    assert len(SECTIONS) == len(COMMANDS)
    assert documented_options(SECTIONS["run"]) >= {"--standby", "--no-wait", "--once"}
    assert references("run `scimon papers list --since 30d`") == ["scimon papers list --since 30d"]
    assert reference_errors("scimon digest preview|send --dry-run") == []
    assert reference_errors("scimon digest publish") == ["no command `digest publish`"]
    assert reference_errors("scimon --log-level DEBUG fetch --resend") == [
        "no option --resend on fetch"
    ]
    assert len(REFERENCES) > 20


def _env_default(text: str, variable: str) -> str:
    row = re.search(rf"^\| `{variable}` \| ([^|]*) \|", text, re.M)
    assert row, variable
    return row.group(1).strip()


def test_readme_and_configuration_give_a_variable_the_same_default() -> None:
    """README said SCIMON_SECRET_KEY defaults to "random per start", configuration.md "none".

    The code (monitor/config.py) leaves it None; only the review app then makes a random key.
    """
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    configuration = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for variable in re.findall(r"^\| `(SCIMON_\w+)` \|", readme, re.M):
        if f"| `{variable}` |" in configuration:
            assert _env_default(readme, variable) == _env_default(configuration, variable), variable
    assert _env_default(readme, "SCIMON_SECRET_KEY") == "none"
