"""``python -m issuer_server`` is the admin CLI."""

import sys

from issuer_server.cli import main

sys.exit(main())
