"""Helpers for tests that look at a built site (tests/browser)."""
