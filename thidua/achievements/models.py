"""Models of the achievements domain."""
