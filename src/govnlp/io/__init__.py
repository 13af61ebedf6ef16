"""Input and output: decoding, archives, tables, HTML, and exports (Stata, CSV)."""
