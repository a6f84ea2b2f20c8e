"""Resilience drills: `make drills` (see drills/run.py)."""
