"""Entry point of the frozen build: the same ``assessor-app`` command line."""

from assessor_app.cli import main

raise SystemExit(main())
