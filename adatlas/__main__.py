"""`python -m adatlas` is the `adatlas` command."""

from adatlas.cli import main

raise SystemExit(main())
