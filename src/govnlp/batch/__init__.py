"""Batch extraction: the run, its output sinks, the progress manifest and the executors."""
