"""The statement-search web front end (Flask): `create_app(index_dir=None, config=None)`."""

from .app import create_app

__all__ = ["create_app"]
