"""Site settings for the sample municipality; production overrides are in publishconf.py."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Wierzbin Obywatelski"
CIVIC_MUNICIPALITY = "Wierzbin"
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
# The site's public address (feeds, calendars, sitemap, the accessibility meta tag).
CIVIC_PUBLIC_URL = "https://wierzbin.example.pl"
# Where the records are kept: every record page links to its history and edit form.
CIVIC_REPOSITORY_URL = "https://github.com/wierzbin/obywatelski"
CIVIC_REPOSITORY_BRANCH = "main"
CIVIC_BIP_URL = "https://bip.wierzbin.example.pl"
# The day date-driven states (an open consultation) are computed for; None: the commit's day.
CIVIC_TODAY = None

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": ["jinja2.ext.i18n"]}

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
FEED_ALL_ATOM = "aktualnosci/atom.xml"
FEED_DOMAIN = CIVIC_PUBLIC_URL
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
