"""The rules: what needs attention, and how each action stands."""
