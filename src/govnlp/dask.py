"""The Dask engine (kept at this path for compatibility): see :mod:`govnlp.batch.dask`."""

from govnlp.batch.dask import extract, extract_with_summary, summary_meta

__all__ = ["extract", "extract_with_summary", "summary_meta"]
