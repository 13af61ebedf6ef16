"""Places: the gazetteer, place mentions in text and the county a figure belongs to."""
