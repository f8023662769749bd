"""Where a person's files are, relative to the notes root: names only, nothing is opened here."""

PROFILE = "profile.md"


def profile_rel(slug: str) -> str:
    """Where a person's profile is, relative to the notes root (`people/<slug>/profile.md`)."""
    return f"people/{slug}/{PROFILE}"
