"""The news app of the demo: sections, articles, authors, tags, feeds and search."""
