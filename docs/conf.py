"""Sphinx configuration of the budget_perf documentation site (``python3 dev.py docs``).

Pages are MyST Markdown; the API reference comes from the docstrings (autodoc, Google-style
sections through napoleon); the example notebook is run by MyST-NB during the build, so the
site shows its fresh outputs (the test suite runs it too).  The build runs with warnings as
errors and needs no network: no intersphinx, no remote images, fonts from the theme.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import budget_perf  # noqa: E402  (after the path above, for a build without an install)

project = "budget_perf"
author = "budget_perf developers"
copyright = "2026, budget_perf developers"
release = budget_perf.__version__ if hasattr(budget_perf, "__version__") else "0.1.0.dev0"
language = "en"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# The example notebook (docs/explore.ipynb, a link to examples/explore.ipynb) is run by the
# build, so the site shows its tables and charts; the test suite runs it too.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 120

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "budget_perf"
html_static_path: list[str] = []
html_show_sourcelink = False
suppress_warnings = ["myst.header"]
