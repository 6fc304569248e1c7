"""``python -m comparekit.cli`` runs the command line."""

from . import main

main()
