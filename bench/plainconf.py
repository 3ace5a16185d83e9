"""Baseline settings: plain Pelican building the benchmark's section files as ordinary pages.

No plugin of ours: only pelican-yaml-metadata, so Pelican can read the YAML front matter.
The default theme (notmyidea) with its menu of pages off, as the benchmark issue asks.
"""

SITENAME = "Baseline"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = ["pelican.plugins.yaml_metadata"]
DISPLAY_PAGES_ON_MENU = False
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = [""]
STATIC_PATHS: list[str] = []
# practice.md has no title: plain Pelican would log an error and skip it.
IGNORE_FILES = [".#*", "practice.md"]
# One page per section file: the slug is the file's path ("therapeutic-botox-0001/faq").
PATH_METADATA = r"(?P<slug>.+)\.md"
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"
