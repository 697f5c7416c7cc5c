"""nastavnik CLI."""
