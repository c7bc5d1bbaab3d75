"""What the four commitment plugins share: one mixin, differences in class constants."""
from __future__ import annotations


class DomainPluginMixin:
    """Base of the four commitment plugins (never registered as an entry point itself)."""

    #: The commitment's short name: seguridad, agua, agro or laboral.
    DOMAIN: str = ""
