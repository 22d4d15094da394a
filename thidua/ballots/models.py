"""Models of the ballots domain."""
