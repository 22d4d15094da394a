"""Models of the evidence domain."""
