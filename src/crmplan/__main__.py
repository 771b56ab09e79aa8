"""``python -m crmplan``."""

from crmplan.cli import main

main()
