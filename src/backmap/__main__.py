"""`python -m backmap` runs the command line."""

import sys

from backmap.cli import main

sys.exit(main())
