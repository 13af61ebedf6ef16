"""Analysis of records: evaluation against golds, contradictions, panels."""
