"""Models of the honorwall domain."""
