"""Staff pages of the cases app (the public decision pages are in ``cases.public_views``)."""
