"""``python -m govnlp``."""

from govnlp.cli import main

raise SystemExit(main())
