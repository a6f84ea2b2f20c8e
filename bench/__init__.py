"""`make bench`: Vistka against nginx serving the same bytes as a static file (PRODUCT §7)."""
