"""Where the function's files are: from this file's own place, never from the working directory.

``FUNCTION_DIR`` is ``lambda/`` in the repository and the zip's root (``/var/task``) on Lambda. The local
profile store (SQLite, used when no DynamoDB table is configured) lives in ``DATA_DIR``, beside the function
folder, never inside it: ``make package`` ships ``lambda/`` and could otherwise ship someone's profiles.
"""

from __future__ import annotations

import os

PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))
FUNCTION_DIR = os.path.dirname(PACKAGE_DIR)
CONTENT_DIR = os.path.join(FUNCTION_DIR, "content")  # every word the skill says: <locale>.json
VISUALS_DIR = os.path.join(FUNCTION_DIR, "visuals")  # the screens (APL): documents/, <locale>.json
PHRASINGS_DIR = os.path.join(FUNCTION_DIR, "phrasings")  # how the model asks for each topic: <locale>.json
SAFETY_DIR = os.path.join(PACKAGE_DIR, "safety")  # the learned screen's weights and settings
DATA_DIR = os.path.join(os.path.dirname(FUNCTION_DIR), "data")  # the repository's git-ignored data/
