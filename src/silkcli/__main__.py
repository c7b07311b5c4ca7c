"""``python -m silkcli``."""

from silkcli._entry import main

main()
