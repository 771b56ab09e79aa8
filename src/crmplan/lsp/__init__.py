"""``crmplan lsp``: the plan checked, completed and explained in the editor as it is typed.

The modules here other than :mod:`crmplan.lsp.server` know nothing of the protocol: they
take a plan's text and a position (0-based line, character) and return plain data;
``server`` turns it into Language Server Protocol messages with pygls.
"""
