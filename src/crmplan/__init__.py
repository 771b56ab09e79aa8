"""crmplan: a client's CRM strategy kept as a plain YAML plan in git.

The public API is what ``__all__`` names; everything in a module whose name
starts with an underscore, and every name not listed here, may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
