"""Publishing: the dataset in the standards other tools read (SQLite, Data Package, citations, man page).

Every module here is a pure function from a dataset (or a command tree) to
text, bytes or files; none imports the CLI.
"""
