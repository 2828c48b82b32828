"""Subscribers, issues and dispatches: built in the newsletter issues."""
