"""News and events: built in the public-site issue."""
