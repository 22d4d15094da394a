"""Models of the movements domain."""
