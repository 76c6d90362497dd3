"""Many plans at once: folders of plans, the search index, keywords and targets across plans."""
