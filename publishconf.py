"""Production settings: the public address of the site."""

import os
import sys

sys.path.append(os.path.dirname(__file__))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "")
