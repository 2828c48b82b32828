"""What editors and moderators may do, and that every page type previews."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, get_page_models

from blog.models import BlogIndexPage, BlogPage


def staff(username: str, group: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
class TestStaffGroups:
    def test_wagtail_groups_are_renamed_not_duplicated(self):
        names = set(Group.objects.values_list("name", flat=True))
        assert {"Redaktori", "Moderatori"} <= names
        assert not names & {"Editors", "Moderators"}

    def test_editor_writes_and_submits_but_does_not_publish(self, demo):
        ilze = staff("ilze", "Redaktori")
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        tester = news.permissions_for_user(ilze)
        assert tester.can_add_subpage() and tester.can_edit()
        assert not tester.can_publish()
        assert ilze.has_perm("wagtail_localize.submit_translation")
        assert ilze.has_perm("blog.add_blogcategory")

    def test_moderator_publishes(self, demo):
        janis = staff("janis", "Moderatori")
        post = BlogPage.objects.filter(locale__language_code="lv").first()
        assert post.permissions_for_user(janis).can_publish()

    def test_new_pages_go_through_the_moderators_workflow(self, demo):
        workflow = Workflow.objects.get(name="Moderatoru apstiprinājums")
        post = BlogPage.objects.filter(locale__language_code="lv").first()
        assert post.get_workflow() == workflow
        assert Page.get_first_root_node().get_workflow() == workflow


# Every page type Wagtail knows (the newsletter's too), not a hand-kept list.
PAGE_TYPES = [model for model in get_page_models() if model is not Page]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_previews(demo, model):
    pages = model.objects.all()[:2]
    assert pages, f"the demo has no {model.__name__} to preview"
    for page in pages:
        response = page.make_preview_request()
        assert response.status_code == 200, (model, page)
        assert page.title.encode() in response.content, (model, page)
