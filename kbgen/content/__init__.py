"""The English source content: model, loading, validation, scaffolding."""
