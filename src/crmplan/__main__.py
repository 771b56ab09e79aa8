"""``python -m crmplan``."""

from crmplan.entry import main

if __name__ == "__main__":
    main()
