"""A second test app whose shared.txt is shadowed by the first."""
