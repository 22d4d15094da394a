"""Models of the exemplars domain."""
