"""Pelican settings for the production build (`invoke preview`, `invoke publish`).

The site's absolute address comes from the environment, e.g.
`SITEURL=https://www.example.com pelican -s publishconf.py`: canonical links, Open Graph
tags, the sitemap and robots.txt need it, so the build refuses to run without one.
"""

import os
import re
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# A release is built from nothing: no content cache, no output record (plugins/strict_build).
INCREMENTAL_BUILD = False
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/[^\s]*)?|http://(localhost|127\.0\.0\.1)(:\d+)?",
                    SITEURL):
    raise SystemExit(
        f"publishconf.py: SITEURL must be the site's absolute address, not {SITEURL!r}.\n"
        "Set it in the environment, e.g. SITEURL=https://www.example.com invoke preview"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Fingerprinted static files, sitemap.xml, robots.txt, _headers, .gz and .br files.
PUBLISH_EXTRAS = True
# Feeds stay off (pelicanconf.py): a page of this kind has nothing to syndicate.
