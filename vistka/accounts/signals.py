"""Signal receivers of the accounts app (filled in below as the app grows)."""
