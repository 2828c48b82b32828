"""Wagtail hooks of the newsletter: its admin menu group."""

from wagtail import hooks

from .viewsets import NewsletterViewSetGroup


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets() -> NewsletterViewSetGroup:
    return NewsletterViewSetGroup()
