"""Showing results: terminal renderings and plots."""
