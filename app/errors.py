"""The errors a front end reports as one clear line (never a traceback)."""

from __future__ import annotations

import sqlite3

from models.discovery import ModelError
from retrieval.store import LibraryError

__all__ = ["HANDLED"]

HANDLED = (LibraryError, ModelError, sqlite3.DatabaseError, OSError)
