"""zoneplan: a terminal reader for Chinese planning documents.

Kept import-light on purpose: `zoneplan --version` and `--help` must not pay for Textual or jieba.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zoneplan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
