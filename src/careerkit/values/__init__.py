"""Values and names: the records every wing shares, and no I/O at all."""
