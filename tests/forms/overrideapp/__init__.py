"""An app overriding a built-in form template."""
