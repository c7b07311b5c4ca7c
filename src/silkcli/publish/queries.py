"""Datasette's canned queries: the questions people bring to the dataset, as named SQL over the export's tables.

Each is a page of its own (``/partnership/<name>``), listed on the front page;
a ``:name`` in the SQL is a form field Datasette shows above the rows.
"""

from __future__ import annotations

#: Name to title, description and SQL, in the order the front page lists them.
QUERIES: dict[str, dict[str, str]] = {
    "summit_signings": {
        "title": "The summit's ten documents: who signed, for whom, on whose word",
        "description": "Each document signed at the summit with its signing sides, its signatories where a source "
        "names them, and every source that cites it.",
        "sql": """SELECT sd.id, sd.title, sd.type, sd.status, sd.parties, sd.signatories,
  (SELECT group_concat(source, '; ') FROM (SELECT DISTINCT source FROM citations WHERE record = sd.id)) AS sources
FROM summit_documents sd""",
    },
    "reserves_and_shares": {
        "title": "Mineral reserves by country, with shares of the world total and ranks",
        "description": "Shares are of the source's own world total; where it gives that total only as a lower "
        "bound, each reserve share is an upper bound. Production shares are for the latest year the source gives.",
        "sql": """SELECT topic, rank, label AS country, reserves, reserves_unit AS unit, reserves_marker,
  round(reserves_share, 3) AS reserves_share_pct, share_is_upper_bound, production_period,
  production, production_marker, round(production_share, 3) AS production_share_pct, production_share_estimated
FROM reserve_shares WHERE NOT is_total
ORDER BY topic, rank IS NULL, rank, label""",
    },
    "what_a_record_cites": {
        "title": "What one record cites: every quote behind it, with its source",
        "description": "Type a record's id (doc-forestry-mou, sb-reserves-kg, ...): each quote backing it or a part "
        "of it, verbatim, with the source's title, publisher and address.",
        "sql": """SELECT ci.part, ci.fields, ci.quote, ci.inferred, ci.source, s.title AS source_title, s.publisher,
  s.url AS source_url
FROM citations ci JOIN sources s ON s.id = ci.source
WHERE ci.record = :record ORDER BY ci.id""",
    },
    "since_the_summit": {
        "title": "What happened since the summit: the documents' milestones and later events",
        "description": "Each step a summit document took afterwards (ratified, in force, ...) and each event dated "
        "after the summit day, oldest first, with its source.",
        "sql": """SELECT m.date, m.date_sort, 'milestone' AS kind, m.document AS record, d.title, m.what, m.source
FROM documents_milestones m JOIN documents d ON d.id = m.document
WHERE m.date_sort > (SELECT date FROM partnership)
UNION ALL
SELECT e.date, e.date_sort, 'event', e.id, e.title, e.kind, e.source FROM events e
WHERE e.date_sort > (SELECT date FROM partnership)
ORDER BY date_sort, date, record""",
    },
}
