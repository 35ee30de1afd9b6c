"""Languages, segment catalogs, machine drafts and translation QA."""
