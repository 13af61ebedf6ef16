"""Linking: what a figure measures (subject, metric), its role and its period."""
