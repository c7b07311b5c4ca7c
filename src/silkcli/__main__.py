"""``python -m silkcli``."""

from silkcli.cli import main

main()
