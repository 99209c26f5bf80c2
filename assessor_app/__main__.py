"""``python -m assessor_app`` is the same as the ``assessor-app`` command."""

from assessor_app.cli import main

raise SystemExit(main())
