"""`python -m nastavnik` runs the CLI."""

from nastavnik.cli.app import main

main()
