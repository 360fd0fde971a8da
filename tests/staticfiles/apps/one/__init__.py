"""A test app with static files."""
