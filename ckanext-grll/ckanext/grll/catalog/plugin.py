"""grll_catalog: what the portal gives data reusers and harvesters (issue 9)."""
from __future__ import annotations

import ckan.plugins as p


class GrllCatalogPlugin(p.SingletonPlugin):
    """Wiring only; see the modules of this package."""
