def main() -> None:
    """Entry point (placeholder)."""
