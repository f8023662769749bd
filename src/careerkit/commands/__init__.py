"""The command layer: each module turns options into calls on the domain core."""
