"""Roadmap import: one reader per format → SourceDocument → shared table assembly → ImportResult."""
