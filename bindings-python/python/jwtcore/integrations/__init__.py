"""Web-framework integrations: thin adapters from a framework's request and response types to
jwtcore's verdicts (:func:`jwtcore.decode`, :mod:`jwtcore.session`, :mod:`jwtcore.stores`).

* :mod:`jwtcore.integrations.starlette` (``pip install 'jwtcore[starlette]'``; FastAPI too):
  a bearer dependency, a session middleware on :class:`~jwtcore.stores.aio.AsyncSessions` and a
  refresh-token endpoint.
* :mod:`jwtcore.integrations.django` (``pip install 'jwtcore[django]'``): a session and bearer
  middleware on :class:`~jwtcore.stores.Sessions` and a Django REST framework authentication
  class (duck-typed: DRF is not required).

Every decision is the core's; these modules parse headers, pick the key, and turn each
verdict into the HTTP answer RFC 6750 asks for. Each imports its framework itself, so importing
this package needs neither.
"""

from ._bearer import BearerError, BearerVerifier, bearer_challenge

__all__ = ["BearerError", "BearerVerifier", "bearer_challenge"]
