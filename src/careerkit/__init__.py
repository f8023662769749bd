"""careerkit: career conversations kept as plain Markdown notes."""

__version__ = "0.2.0"
