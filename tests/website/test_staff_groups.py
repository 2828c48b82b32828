"""What each staff group may open, create and publish in the admin.

Three groups run the site (JOURNEYS.md): "Redaktori" (Ilze, the coordinator)
write pages and documents and submit them; "Moderatori" (Jānis) also publish;
"Jaunumu vēstules pārvaldnieki" (Līga) run the e-bulletin. Each screen is
opened through Django's test client as a member of one group only.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from blog.models import BlogCategory, BlogIndexPage, BlogPage, EventIndexPage
from home.models import HomePage, Partner
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import UserFactory

EDITORS, MODERATORS, MANAGERS = "Redaktori", "Moderatori", MANAGERS_GROUP
GROUPS = (EDITORS, MODERATORS, MANAGERS)


def screens() -> dict[str, str]:
    """The admin URL of every screen a staff member might open."""
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    events = EventIndexPage.objects.get(locale__language_code="lv")
    post = BlogPage.objects.child_of(news).first()
    archive = NewsletterIndexPage.objects.get(locale__language_code="lv")
    issue = NewsletterIssuePage.objects.child_of(archive).first()
    home = HomePage.objects.get(locale__language_code="lv")
    return {
        "explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "add post": reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk]),
        "add event": reverse("wagtailadmin_pages:add", args=["blog", "eventpage", events.pk]),
        "edit post": reverse("wagtailadmin_pages:edit", args=[post.pk]),
        "add issue": reverse(
            "wagtailadmin_pages:add", args=["newsletter", "newsletterissuepage", archive.pk]
        ),
        "edit issue": reverse("wagtailadmin_pages:edit", args=[issue.pk]),
        "documents": reverse("wagtaildocs:index"),
        "add document": reverse("wagtaildocs:add_multiple"),
        "images": reverse("wagtailimages:index"),
        "add image": reverse("wagtailimages:add_multiple"),
        "categories": reverse("wagtailsnippets_blog_blogcategory:list"),
        "add category": reverse("wagtailsnippets_blog_blogcategory:add"),
        "partners": reverse("wagtailsnippets_home_partner:list"),
        "edit partner": reverse(
            "wagtailsnippets_home_partner:edit", args=[Partner.objects.first().pk]
        ),
        "subscribers": reverse("subscribers:index"),
        "import subscribers": reverse("subscribers:import"),
        "lists": reverse("mailing_lists:index"),
        "sends": reverse("dispatches:index"),
        "send issue": reverse("dispatches:send", args=[issue.pk]),
        "site settings": reverse("wagtailsettings:edit", args=["home", "sitesettings"]),
        "users": reverse("wagtailusers_users:index"),
        "workflows": reverse("wagtailadmin_workflows:index"),
    }


# What the two groups that write pages may open (moderators differ in what
# they may publish, not in which screens they see).
WRITERS_OPEN = {
    "explorer",
    "add post",
    "add event",
    "edit post",
    "add issue",
    "edit issue",
    "documents",
    "add document",
    "images",
    "add image",
    "categories",
    "add category",
    "partners",
    "edit partner",
}
# What each group may open; every other screen of screens() is denied.
OPENS = {
    EDITORS: WRITERS_OPEN,
    MODERATORS: WRITERS_OPEN,
    MANAGERS: {
        # The explorer opens to find the archive; its pages are not hers to edit.
        "explorer",
        "add issue",
        "edit issue",
        "images",
        "add image",
        "subscribers",
        "import subscribers",
        "lists",
        "sends",
        "send issue",
    },
}


def member_of(group: str):
    return UserFactory(groups=[group])


def opens(response) -> bool:
    """A screen opens (200); Wagtail denies with a redirect to the dashboard or a 403."""
    return response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("group", GROUPS)
def test_each_group_opens_its_screens_and_no_other(demo, client, group):
    client.force_login(member_of(group))
    wrong = {}
    for name, url in screens().items():
        response = client.get(url)
        assert response.status_code in (200, 302, 403), (name, response.status_code)
        if opens(response) != (name in OPENS[group]):
            wrong[name] = response.status_code
    assert not wrong, f"{group}: screens opened or denied against the rule: {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_upload_and_edit_documents(demo, client, group):
    """The methodology handbook is theirs to upload and replace (SPEC 5, Documents)."""
    user = member_of(group)
    client.force_login(user)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Metodiskais materiāls",
            "file": SimpleUploadedFile("rokasgramata.pdf", b"%PDF-1.4 rokasgramata"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Metodiskais materiāls")
    assert document.uploaded_by_user == user
    edit = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert edit.status_code == 200
    other = get_document_model().objects.exclude(pk=document.pk).first()
    assert client.get(reverse("wagtaildocs:edit", args=[other.pk])).status_code == 200


@pytest.mark.django_db
def test_editors_and_moderators_hold_document_rights_in_the_root_collection(demo):
    root = Collection.get_first_root_node()
    for group in (EDITORS, MODERATORS):
        held = set(
            GroupCollectionPermission.objects.filter(
                group__name=group,
                collection=root,
                permission__content_type__app_label="wagtaildocs",
            ).values_list("permission__codename", flat=True)
        )
        assert {"add_document", "change_document", "choose_document"} <= held, group
        assert {"add_image", "change_image", "choose_image"} <= set(
            GroupCollectionPermission.objects.filter(
                group__name=group, collection=root
            ).values_list("permission__codename", flat=True)
        ), group


@pytest.mark.django_db
class TestPublishing:
    def post(self) -> BlogPage:
        return BlogPage.objects.filter(locale__language_code="lv").first()

    def issue(self) -> NewsletterIssuePage:
        return NewsletterIssuePage.objects.filter(locale__language_code="lv").first()

    def test_editors_write_and_submit_but_do_not_publish(self, demo):
        ilze = member_of(EDITORS)
        assert self.post().permissions_for_user(ilze).can_edit()
        assert not self.post().permissions_for_user(ilze).can_publish()
        assert not self.issue().permissions_for_user(ilze).can_publish()
        assert not ilze.has_perm("newsletter.add_dispatch")

    def test_moderators_publish_pages_but_do_not_send(self, demo):
        janis = member_of(MODERATORS)
        assert self.post().permissions_for_user(janis).can_publish()
        assert self.issue().permissions_for_user(janis).can_publish()
        assert not janis.has_perm("newsletter.add_dispatch")

    def test_newsletter_managers_publish_and_send_issues_only(self, demo):
        liga = member_of(MANAGERS)
        assert self.issue().permissions_for_user(liga).can_publish()
        assert liga.has_perm("newsletter.add_dispatch")
        assert not self.post().permissions_for_user(liga).can_edit()
        assert not liga.has_perm("blog.add_blogcategory")

    def test_editors_create_a_category_snippet(self, demo, client):
        client.force_login(member_of(EDITORS))
        response = client.post(
            reverse("wagtailsnippets_blog_blogcategory:add"),
            {"name": "Supervīzija", "slug": "supervizija", "locale": "lv"},
        )
        assert response.status_code == 302
        assert BlogCategory.objects.filter(slug="supervizija").exists()


@pytest.mark.django_db
def test_the_groups_exist_with_these_names():
    assert set(GROUPS) <= set(Group.objects.values_list("name", flat=True))
