"""``forcegen serve``: the coalition dashboard (server-rendered pages) and the JSON API
under ``/api/v1``, both rendering the same typed results as the CLI's ``--json``.

    >>> from forcegen.web import WebSettings, create_app  # doctest: +SKIP
    >>> app = create_app(WebSettings(db_url="sqlite:///ledger.sqlite"))
"""

from forcegen.web.app import create_app
from forcegen.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
