"""Observability (issue 14): readiness, Prometheus metrics, structured logs with request ids."""
