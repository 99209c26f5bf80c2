"""The audit view: find submissions, read their score history, see the sheet at a moment, verify, export."""
