"""Render listings: one registry of output formats."""
