"""Everything that changes the notes: new documents, byte-exact edits, profiles, init, git."""
