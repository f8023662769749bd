"""One file to values: frontmatter, YAML, documents, settings, bodies, duplicate ids."""
