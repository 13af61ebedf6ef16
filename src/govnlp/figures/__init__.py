"""Figures: numerals, the figure grammar, its guards, finding and parsing."""
