"""Citizen feedback engine shared by the four commitments (not a plugin).

Each commitment plugin implements :class:`~ckanext.grll.feedback.interfaces.IGrllDomain`
and describes its categories, questions, routing and privacy rules in its
``domain.yaml``; the portal plugin ``grll_theme`` registers the engine's actions,
auth functions, blueprints and migrations once for all domains.
"""
