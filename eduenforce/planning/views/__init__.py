"""Staff pages of planning: item lists, annual plans, special campaigns, sampling plans."""
