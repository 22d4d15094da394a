"""Models of the honors domain."""
