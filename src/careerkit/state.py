"""`.careerkit/`: where careerkit keeps what it makes for itself (the cache, the locks), never committed."""

CACHE_DIR = ".careerkit"
GITIGNORE = "# careerkit's cache of what it read: safe to delete, never committed.\n*\n"
