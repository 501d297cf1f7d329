"""Builds the sample site and checks it in Chromium, with axe-core and the Nu HTML Checker."""
