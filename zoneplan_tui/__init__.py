"""zoneplan: a terminal reader for Chinese planning documents.

Kept import-light on purpose: `zoneplan --version` and `--help` must not pay for Textual or jieba.
The version is a literal (pyproject.toml reads it from here) rather than an importlib.metadata
lookup, which cost about 20 ms on every start.
"""

__version__ = "0.1.0"
