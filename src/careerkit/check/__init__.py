"""careerkit check: every problem in the notes, at its file and line."""
