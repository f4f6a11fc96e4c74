"""Per-article extraction stages: pure functions over spaCy Docs returning model records."""
