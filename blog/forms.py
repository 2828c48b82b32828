"""The news list's filters, read from the query string."""

from django import forms


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
