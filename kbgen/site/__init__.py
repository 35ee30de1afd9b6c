"""The help center: Markdown pages from content, MkDocs + Material builds."""
