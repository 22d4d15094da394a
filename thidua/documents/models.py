"""Models of the documents domain."""
