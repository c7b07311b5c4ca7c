"""``silkcli check``: the claims of a text, checked against the sourced data.

read (:mod:`~silkcli.check.draft`) → split (:mod:`~silkcli.check.sentences`) →
find (:mod:`~silkcli.check.claims`, :mod:`~silkcli.check.names`) → judge
(:mod:`~silkcli.check.run` and the judges) → render (:mod:`~silkcli.check.render`,
:mod:`~silkcli.check.claimreview`): every renderer returns a string.
"""
