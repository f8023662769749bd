"""The notes repository: where everything is, and reading it into a team."""
