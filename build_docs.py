#!/usr/bin/env python3
"""Build the opinion-pages site from OCR'd page dumps in seeds/ (see README.md)."""

import sys

from oped.cli import main

if __name__ == "__main__":
    sys.exit(main())
