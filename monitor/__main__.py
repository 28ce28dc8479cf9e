"""``python -m monitor`` runs the scimon CLI."""

from monitor.cli import main

if __name__ == "__main__":  # not when multiprocessing re-imports this module
    main()
