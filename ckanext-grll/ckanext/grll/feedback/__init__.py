"""Citizen feedback engine shared by the four commitments (plugin grll_feedback).

Each commitment plugin implements :class:`~ckanext.grll.feedback.interfaces.IGrllDomain`
and describes its categories, questions, routing and privacy rules in its
``domain.yaml``; the plugin ``grll_feedback`` (plugin.py) registers the engine's
actions, auth functions, blueprints and migrations once for all domains. The
commitments import from the engine only :mod:`ckanext.grll.feedback.shared`.
"""
