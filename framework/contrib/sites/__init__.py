"""Sites: one ``Site`` (domain, name) per site a project serves; ``get_current_site(request)``."""
