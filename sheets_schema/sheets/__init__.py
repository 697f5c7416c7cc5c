"""One module per sheet; each defines its row model and `SPEC`."""
