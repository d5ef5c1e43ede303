"""The routers: the JSON API, the pages, the review queue."""
