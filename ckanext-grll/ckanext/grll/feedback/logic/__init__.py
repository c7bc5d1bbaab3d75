"""Actions, auth functions, schemas and validators of the feedback engine."""
