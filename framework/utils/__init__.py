"""Small helpers that neither the standard library nor a dependency provides."""
