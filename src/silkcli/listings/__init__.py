"""Select records and turn them into listings: filters, rows, columns."""
