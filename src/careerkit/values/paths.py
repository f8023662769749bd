"""Where things are in a notes repository, relative to its root: names only, nothing is opened here."""

PROFILE = "profile.md"
DOT_DIR = ".careerkit"  # careerkit's own folder: the cache and the locks (careerkit.fs.dotdir makes it)


def profile_rel(slug: str) -> str:
    """Where a person's profile is, relative to the notes root (`people/<slug>/profile.md`)."""
    return f"people/{slug}/{PROFILE}"
