"""The user cache and the compiled copy shipped in the wheel: one key, one set of rules for trusting an entry.

- :mod:`.keys`: the key every entry names, where entries live, who may have written them.
- :mod:`.entries`: compiled datasets and JSON stamps, one entry per small dataset file.
- :mod:`.compiled`: a large dataset file compiled into SQLite, and the rules for trusting that entry;
  :mod:`.sqlite_store` answers queries from it.
- :mod:`.completion`: the values shell completion offers, one small entry per completer.
- :mod:`.shipped`: the bundled dataset compiled when the wheel is built.
- :mod:`.unchecked`: decoding data this user validated without checking it again.

Importing this package costs nothing: completion reads its entries without the model or msgspec.
"""
