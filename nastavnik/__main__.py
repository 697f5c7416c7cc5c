"""`python -m nastavnik` runs the CLI."""

from nastavnik.cli import main

main()
