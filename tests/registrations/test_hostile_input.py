"""Random sign-up bodies and manage tokens: never a 500, never more seated than seats."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registrations.models import Registration

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
field_values = st.one_of(
    st.text(max_size=300).map(lambda text: text.replace("\x00", "")),
    st.emails().map(str),
    st.sampled_from(["", " ", "a" * 5000, "anna@example.org", "ANNA@EXAMPLE.ORG"]),
)
bodies = st.dictionaries(
    st.sampled_from(["name", "email", "organisation", "needs", "csrfmiddlewaretoken", "x"]),
    st.one_of(field_values, st.lists(field_values, max_size=3)),
    max_size=6,
)


@pytest.mark.django_db
class TestHostileInput:
    @EXAMPLES
    @given(body=bodies)
    def test_sign_up_bodies(self, client, event, body):
        response = client.post(event.url, body)
        assert response.status_code in (200, 303, 400), response.status_code
        stored = Registration.objects.filter(event=event)
        assert stored.filter(status=Registration.Status.CONFIRMED).count() <= event.capacity
        assert not stored.filter(name="").exists()
        assert stored.values("email_key").distinct().count() == stored.count()

    @EXAMPLES
    @given(token=st.text(min_size=1, max_size=200), method=st.sampled_from(["get", "post"]))
    def test_manage_tokens(self, client, event, token, method):
        path = "/lv/registrations/" + "".join(c for c in token if c.isalnum() or c in ":-_") + "/"
        response = getattr(client, method)(path)
        assert response.status_code == 404
