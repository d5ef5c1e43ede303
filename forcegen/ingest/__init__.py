"""News into claims: read an article (text, HTML or standard input), propose every claim
it makes about a nation's contribution, with the sentence that supports it.

    >>> from forcegen.ingest import ingest_files  # doctest: +SKIP
    >>> result = ingest_files(["article.txt"])
    >>> [c.to_dict() for c in result.claims]

Needs the ``nlp`` extra (spaCy, trafilatura, text2num); nothing is downloaded.
"""

from forcegen.ingest.claim import Claim, ClaimModality, ClaimSource, ClaimType
from forcegen.ingest.claims import extract_claims
from forcegen.ingest.read import Article, ArticleMeta, read_article

__all__ = ["Article", "ArticleMeta", "Claim", "ClaimModality", "ClaimSource", "ClaimType",
           "extract_claims", "read_article"]
