"""Site settings for the sample municipality; production overrides are in publishconf.py."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Wierzbin Obywatelski"
SITEURL = ""
AUTHOR = "Urząd Miasta Wierzbin"
TIMEZONE = "Europe/Warsaw"
DEFAULT_LANG = "pl"

PATH = "content"
THEME = "theme"
PLUGINS = ["civic.plugin"]

# The records and their schemas.
CIVIC_DATA_PATH = str(ROOT / "data")
CIVIC_LICENSE_NAME = "CC BY 4.0"

# News and pages: identifiers come from file names, never from titles.
ARTICLE_PATHS = ["aktualnosci"]
PAGE_PATHS = ["strony"]
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "aktualnosci/{slug}/"
ARTICLE_SAVE_AS = "aktualnosci/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Only the pages the site has; no blog archives.
DIRECT_TEMPLATES = ["index"]
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
