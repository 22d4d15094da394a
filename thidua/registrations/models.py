"""Models of the registrations domain."""
