"""Staff pages of the inspections app, one module per screen group."""
