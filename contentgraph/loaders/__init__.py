"""Sources -> Documents -> Mentions. Plain data, no networkx, no GraphQL."""

from .compiled import use_sources_if_edited

use_sources_if_edited()  # before any compiled module is imported
