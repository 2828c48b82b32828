"""`make bench`: queries per page, pages per second, newsletter messages per second, page weight."""
