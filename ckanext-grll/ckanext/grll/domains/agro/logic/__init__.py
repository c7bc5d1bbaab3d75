"""Actions and auth functions of grll_agro."""
