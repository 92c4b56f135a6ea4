"""The default taxonomy (YAML package data) and the code that reads, merges and validates it."""
