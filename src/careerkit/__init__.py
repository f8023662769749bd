"""careerkit: career conversations kept as plain Markdown notes."""

__version__ = "0.1.0"
