"""The index on disk: the only package that imports Whoosh."""
