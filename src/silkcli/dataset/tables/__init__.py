"""The dataset as relational tables: one layout (:mod:`.layout`), its rows (:mod:`.rows`), its SQL (:mod:`.schema`).

``export -f sqlite`` writes these tables, and the compiled cache of a large file holds the same ones.
"""
