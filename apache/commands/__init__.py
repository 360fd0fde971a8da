"""Management commands provided by framework_apache (registered as entry points)."""
