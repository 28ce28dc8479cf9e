"""The weekly email digest editors read: select.py (which papers), render.py, send.py."""
