"""Pelican settings for the production build (`invoke preview`, `invoke publish`).

The site's absolute address comes from the environment, e.g.
`SITEURL=https://www.example.com pelican -s publishconf.py`: canonical links, Open Graph
tags, the sitemap and robots.txt need it, so the build refuses to run without one.
"""

import os
import re
import runpy
from pathlib import Path

# The development settings, read by path (not imported: that would need the working folder
# on sys.path, and would make `pelican -s` depend on where it is run from).
_development = runpy.run_path(str(Path(__file__).with_name("pelicanconf.py")))
globals().update({name: value for name, value in _development.items() if name.isupper()})

# A release is built from nothing: no content cache, no output record (plugins/strict_build).
INCREMENTAL_BUILD = False
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/[^\s]*)?|http://(localhost|127\.0\.0\.1)(:\d+)?",
                    SITEURL):
    raise SystemExit(
        f"publishconf.py: SITEURL must be the site's absolute address, not '{SITEURL}'.\n"
        "Set it in the environment, e.g. SITEURL=https://www.example.com .venv/bin/invoke preview"
    )
# The CMS signs editors in and opens pull requests in production: without its repository or
# its sign-in address it would be published broken, so the build stops and names the setting.
CMS_SETTINGS = {
    "CMS_REPO": "GITHUB_REPOSITORY=owner/repository (GitHub Actions sets it)",
    "CMS_AUTH_URL": "CMS_AUTH_URL=https://… (the sign-in address, a repository variable: "
                    "docs/editing.md)",
}
for _name, _how in CMS_SETTINGS.items():
    if _development["CMS"] and not _development[_name]:
        raise SystemExit(f"publishconf.py: the CMS is on but {_name} is not set.\n"
                         f"Set it in the environment, {_how}, or set CMS = False in "
                         "pelicanconf.py to publish no /admin/.")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Fingerprinted static files, sitemap.xml, robots.txt, _headers, .gz and .br files.
PUBLISH_EXTRAS = True
# Feeds stay off (pelicanconf.py): a page of this kind has nothing to syndicate.
