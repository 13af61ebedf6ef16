"""Adapters to other tools: the spaCy pipeline and notebook display."""
