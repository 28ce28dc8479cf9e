"""A wrong name or value given to an option is a usage error: exit 2, one line that says
what is known (smoke test, session 18: smoke19).

`fetch --query nosuch` already exited 2 naming the configured queries; `fetch --feed nosuch`
exited 1 ("no feed named nosuch") without naming one feed, `digest preview --week lastweek`
exited 1 like a failed source, and `trials export --decision to-summarize` (the spelling
`scimon export --status` shows) was refused.
"""

from __future__ import annotations

from tests.commands import REPO, run_scimon, scimon_env


def invoke(database_url: str, *args: str) -> tuple[int, str]:
    """``scimon ARGS`` in its own process (its exit code and one-line errors are main's)."""
    env = scimon_env(database_url, REPO / "queries" / "sci.toml")
    done = run_scimon(list(args), env, timeout=120)
    return done.returncode, done.stdout + done.stderr


def test_an_unknown_feed_is_a_config_error_naming_the_feeds(database_url: str) -> None:
    code, output = invoke(database_url, "fetch", "--feed", "nosuch", "--feed", "spinal-cord")
    assert code == 2, output
    (line,) = output.strip().splitlines()
    assert line.startswith("error: no feed named 'nosuch' (configured: "), line
    assert "spinal-cord, " in line and "j-neurotrauma" in line, line
    code, query = invoke(database_url, "fetch", "--query", "nosuch")
    assert (code, query.strip()) == (2, "error: no PubMed query named 'nosuch' (configured: sci)")


def test_a_bad_week_is_a_bad_option_value(database_url: str) -> None:
    for week, why in (("lastweek", "not an ISO week"), ("2026-W99", "no such week")):
        for command in (("digest", "preview"), ("digest", "send", "--dry-run")):
            code, output = invoke(database_url, *command, "--week", week)
            assert code == 2, (command, output)
            assert f"Invalid value for '--week': {why}" in output, output


def test_trials_export_takes_either_spelling_of_a_decision(database_url: str) -> None:
    for spelling in ("to_summarize", "to-summarize", "in-progress"):
        code, output = invoke(database_url, "trials", "export", "--decision", spelling)
        assert code == 0, (spelling, output)
        wanted = spelling.replace("-", "_")
        assert output.strip() == f"no stored trial matches --decision {wanted}", output
    code, output = invoke(database_url, "trials", "export", "--decision", "nosuch")
    assert code == 2 and "Invalid value for '--decision'" in output, output
    assert "'to-summarize'" in output, output  # the spelling help and the review app show


def test_export_takes_either_spelling_of_a_status_and_refuses_others(database_url: str) -> None:
    """`scimon export --status` and `trials export --decision` share one option type
    (``EditorStatus``): the same spellings taken, the same usage error (exit 2) listing them."""
    for spelling in ("in_progress", "in-progress"):
        code, output = invoke(database_url, "export", "--status", spelling)
        assert code == 0, (spelling, output)
        assert output.strip() == "no papers with status in-progress (editors mark them in the review app)"
    code, output = invoke(database_url, "export", "--status", "nosuch")
    assert code == 2 and "Invalid value for '--status'" in output, output
    assert "'nosuch' is not one of 'new', 'maybe', 'to-summarize'" in output, output


def test_a_bad_since_names_its_option(database_url: str) -> None:
    """`papers list --since yesterday` said "Invalid value: 'yesterday' is not a date" without
    the option's name, which every other bad value of the command gives."""
    for since, why in (("yesterday", "is not a date"), ("99999999d", "reaches back before year 1")):
        code, output = invoke(database_url, "papers", "list", "--since", since)
        assert code == 2, output
        assert f"Invalid value for '--since': '{since}' {why}" in output, output


def test_an_unknown_topic_is_worded_as_the_other_bad_values(database_url: str) -> None:
    """desk12: `papers list --topic nosuch` said "Invalid value for --topic: unknown topic
    nosuch (known: ...)": the option unquoted and the value bare, where every other bad
    value reads "Invalid value for '--since': 'yesterday' is not a date"."""
    code, output = invoke(database_url, "papers", "list", "--topic", "nosuch", "--topic", "pain")
    assert code == 2, output
    assert "Invalid value for '--topic': 'nosuch' is not a topic id (known: " in output, output
    assert "'pain'" not in output.split("(known:")[0], output  # a known one is not named as bad
    code, output = invoke(database_url, "papers", "list", "--topic", "pain")
    assert code == 0, output
