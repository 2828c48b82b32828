from .events import EventIndexPage, EventPage, Recurrence
from .news import BlogCategory, BlogIndexPage, BlogPage, BlogPageTag

__all__ = [
    "BlogCategory",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageTag",
    "EventIndexPage",
    "EventPage",
    "Recurrence",
]
