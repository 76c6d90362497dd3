"""Notes on plans: the W3C Web Annotation model, re-anchoring after edits, and the notes file."""
