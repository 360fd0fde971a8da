"""A tiny installed app whose templates/ directory APP_DIRS must find."""
