"""Pelican settings for the development build (`invoke build`, `invoke livereload`)."""

import os
from pathlib import Path

from jinja2 import StrictUndefined

SITENAME = "Example Pain Clinic"  # shown only by Pelican's own messages: pages use practice.md
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# The plugins are the top-level packages in plugins/, listed by name. They are also installed
# (pyproject.toml) so that tests and site_tools import them normally; PLUGIN_PATHS makes Pelican
# load the files beside this settings file first (a copied project, or the live preview
# re-importing an edited plugin, uses its own plugins/).
PLUGIN_PATHS = ["plugins"]
# strict_build first, so it also counts errors logged while the others load.
# publish_extras: template filters here; production outputs with PUBLISH_EXTRAS (publishconf.py).
# cms_admin: the CMS at /admin/, its forms generated from the schema (cms_admin/config.py).
PLUGINS = ["strict_build", "treatment_pages", "jsonld", "cms_admin", "publish_extras"]

# The CMS (docs/editing.md): `CMS = False` builds no /admin/ at all. The GitHub repository and
# branch it opens pull requests against (GitHub Actions sets GITHUB_REPOSITORY), the address
# that signs editors in (CMS_AUTH_URL, a repository variable), and decap-server's address for
# `invoke cms` (used only when /admin/ is opened from 127.0.0.1). A production build with the
# CMS on refuses to run without the repository or the sign-in address (publishconf.py).
CMS = True
CMS_REPO = os.environ.get("GITHUB_REPOSITORY", "")
CMS_BRANCH = "main"
CMS_AUTH_URL = os.environ.get("CMS_AUTH_URL", "")
CMS_LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
# The Decap bundle /admin/ serves: the one npm installs beside this file (`npm ci`), found
# from this file as THEME and PLUGIN_PATHS are, wherever Pelican runs.
CMS_DECAP_DIST = str(Path(__file__).parent / "node_modules" / "decap-cms" / "dist")

# The hosts the site is published at ("www.springfield-pain.org"): a content link to one of
# them is checked like a link within the site (a page and #section that exist), in this
# development build too. The production build adds SITEURL's host.
SITE_HOSTS: list[str] = []

# Everything under content/ is read by treatment_pages; Pelican's own generators read nothing.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Incremental builds (plugins/strict_build): a rebuild renders only the pages whose inputs
# changed and writes only files whose bytes changed, from the content cache and the output
# record in CACHE_PATH. `invoke build --clean`, publishconf.py and CI build from nothing.
INCREMENTAL_BUILD = True
# A cold build reads the treatment folders, and any build with many pages to write writes them,
# in one process per CPU (forked; docs/development.md, "Performance"). None: one per CPU this
# process may use; 1: one process (the output is the same byte for byte either way).
BUILD_PROCESSES = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Pelican's own caches (none is used here) tell an unchanged file by a hash of its bytes: a
# git checkout defeats the default, mtime. The content cache always hashes the bytes.
CHECK_MODIFIED_METHOD = "sha256"
# Uncompressed: pickle reads Pelican's gzip file in small pieces, which cost 0.7 s of a 3.5 s
# warm build at N = 1,000 (CPU, one run each); the file (22 MB there) stays on this machine.
GZIP_CACHE = False

# autoescape: every text an editor writes is escaped; rendered Markdown arrives as Markup.
JINJA_ENVIRONMENT = {
    "undefined": StrictUndefined,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
