"""Use cases that combine the store, the rules and the documents, with progress and cancel."""
