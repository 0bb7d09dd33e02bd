"""Staff and liaison pages of the coordination app (one module per noun)."""
