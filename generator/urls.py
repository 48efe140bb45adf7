"""Where things live on the public site: the one address scheme every output that links to it uses.

The site lays its pages out by this; printed papers point their QR codes here.
"""

from __future__ import annotations


def record_path(kind: str, record_id: str) -> str:
    """A record's page below the site's root, e.g. `case/2017-06-16-high-steep-slope-jinshi-quarry/`."""
    return f"{kind}/{record_id}/"


def absolute(site_url: str, path: str) -> str:
    """`path` on the site at `site_url`."""
    return f"{site_url.rstrip('/')}/{path}"
