"""``python -m monitor`` runs the scimon CLI."""

from monitor.cli import main

main()
