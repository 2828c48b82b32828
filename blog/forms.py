"""Forms of news: the news list's filters (query string) and the post's admin form."""

from __future__ import annotations

from django import forms

from core.forms import SitePageForm


class NewsFilterForm(forms.Form):
    """``?category=``, ``?tag=`` and ``?year=`` as the news list accepts them.

    Anything else (a NUL character, a year before 1 or after 9999, a slug no
    category or tag can have) is a filter no post can match: the list says
    "0 posts found" instead of passing the value to the database, where it
    was a 500 (a NUL on PostgreSQL, a year outside Python's dates everywhere).
    """

    category = forms.SlugField(required=False, max_length=100)
    tag = forms.SlugField(required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1, max_value=9999)


class BlogPageForm(SitePageForm):
    """A news post or an event: its categories as checkboxes, only those of its language.

    A multi-select needed Ctrl-click and mixed Latvian and English categories;
    a category of the other language is refused like any unknown choice.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["categories"]
        locale_id = self.instance.locale_id or (self.parent_page and self.parent_page.locale_id)
        field.queryset = field.queryset.filter(locale_id=locale_id)
