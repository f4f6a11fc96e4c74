"""Cross-article linking: copies, entity resolution, claim groups, stories."""
