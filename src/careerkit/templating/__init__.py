"""Templates and their sandbox, and which lines of a body a template wrote."""
