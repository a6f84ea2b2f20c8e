"""Database outages answered clearly: a 503 with Retry-After in the edition's language (JSON on the
API) instead of Django's 500 page, and a newsroom save posted meanwhile kept on that page."""
