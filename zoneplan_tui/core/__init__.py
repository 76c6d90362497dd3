"""The pure core: a plan's text as a `Document`, its outline, its figures, its metadata.

No I/O beyond what a caller hands in, no Textual, no jieba: everything here is plain functions and
frozen dataclasses, fast enough to run on every keystroke-free path and testable without a terminal.
"""
