"""The file system done safely: owner-only atomic writes, hardened reads, locks."""
