"""Editors' forms publish what the editor meant (issue 12, section 4)."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import BlogPage, EventPage
from core.blocks import FiguresBlock, IndicatorBlock
from core.forms import DecimalCommaField
from home.models import ProjectPage
from tests.support.factories import (
    BlogCategoryFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    UserFactory,
)


class TestDecimalComma:
    @pytest.mark.parametrize("language", ["lv", "en"])
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("3,5", Decimal("3.5")),
            ("3.5", Decimal("3.5")),
            ("12 470,25", Decimal("12470.25")),
            ("12\xa0470", Decimal("12470")),
            ("49", Decimal("49")),
        ],
    )
    def test_the_field_reads_a_decimal_comma_in_either_admin_language(
        self, language, typed, stored
    ):
        with translation.override(language):
            assert DecimalCommaField().clean(typed) == stored

    def test_a_comma_and_a_dot_together_are_refused_not_guessed(self):
        with translation.override("lv"), pytest.raises(forms.ValidationError):
            DecimalCommaField().clean("1.234,5")

    def test_the_latvian_admin_shows_the_stored_number_with_a_comma(self):
        field = DecimalCommaField()
        with translation.override("lv"):
            assert field.widget.format_value(field.prepare_value(Decimal("3.5"))) == "3,5"
        # A text box: a browser's number box drops the comma ("3,5" became 35).
        assert field.widget.input_type == "text"
        assert field.widget_attrs(field.widget)["inputmode"] == "decimal"

    def test_a_figure_typed_with_a_comma_stores_three_and_a_half(self):
        block = FiguresBlock()
        data = {
            "f-figures-count": "1",
            "f-figures-0-deleted": "",
            "f-figures-0-order": "0",
            "f-figures-0-id": "a",
            "f-figures-0-value-value": "3,5",
            "f-figures-0-value-label": "konsultācijas stundā",
            "f-heading": "",
        }
        with translation.override("lv"):
            value = block.clean(block.value_from_datadict(data, {}, "f"))
        assert value["figures"][0]["value"] == Decimal("3.5")
        assert block.get_prep_value(value)["figures"][0]["value"]["value"] == Decimal("3.5")

    def test_an_indicator_typed_with_a_comma(self):
        block = IndicatorBlock()
        target, achieved = block.child_blocks["target"], block.child_blocks["achieved"]
        with translation.override("lv"):
            assert target.clean(target.value_from_datadict({"t": "14,5"}, {}, "t")) == Decimal(
                "14.5"
            )
            assert achieved.field.clean("12,0") == Decimal("12")
            assert achieved.get_form_state(Decimal("12.5")) == "12,5"

    def test_a_page_budget_typed_with_a_comma(self):
        field = formfield_for_dbfield(ProjectPage._meta.get_field("budget_total"))
        with translation.override("lv"):
            assert field.clean("12 470 000,50") == Decimal("12470000.50")


class TestAdminDates:
    @pytest.mark.parametrize("language", ["lv", "en"])
    def test_the_date_pickers_write_and_read_day_month_year(self, language):
        with translation.override(language):
            date_field = formfield_for_dbfield(BlogPage._meta.get_field("date"))
            moment_field = formfield_for_dbfield(EventPage._meta.get_field("start"))
            assert date_field.widget.format_value(datetime.date(2026, 12, 15)) == "15.12.2026"
            assert date_field.clean("15.12.2026") == datetime.date(2026, 12, 15)
            assert moment_field.clean("15.12.2026 10:00").replace(tzinfo=None) == (
                datetime.datetime(2026, 12, 15, 10, 0)
            )
            # A date typed the ISO way still works.
            assert date_field.clean("2026-12-15") == datetime.date(2026, 12, 15)


@pytest.fixture
def news(home):
    return BlogIndexPageFactory(slug="jaunumi")


@pytest.fixture
def admin(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def post_form_data(**fields) -> dict:
    """What the news post's admin form sends, with `fields` filled in."""
    data = {
        "title": "Apmācības Bauskā",
        "slug": "apmacibas-bauska",
        "date": "15.12.2026",
        "authors": "",
        "lead": "",
        "hero_image": "",
        "hero_alt": "",
        "tags": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


@pytest.mark.django_db
class TestNewsPostForm:
    def test_categories_are_checkboxes_of_the_pages_language_only(self, admin, news):
        english = Locale.objects.get(language_code="en")
        BlogCategoryFactory(name="Apmācības", slug="apmacibas")
        BlogCategoryFactory(name="Training", slug="training", locale=english)
        response = admin.get(reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk]))
        html = response.content.decode()
        assert re.search(r'<input type="checkbox" name="categories"[^>]*>', html)
        assert "Apmācības" in html and "Training" not in html
        assert '<select name="categories"' not in html

    def test_a_category_of_the_other_language_is_refused(self, admin, news):
        english = Locale.objects.get(language_code="en")
        training = BlogCategoryFactory(name="Training", slug="training", locale=english)
        url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk])
        # nested_form_data would number a list's items: the checkboxes send the name again.
        response = admin.post(url, {**post_form_data(), "categories": [training.pk]})
        assert response.status_code == 200
        assert not BlogPage.objects.filter(slug="apmacibas-bauska").exists()

    def test_choosing_a_photo_without_alt_text_saves_with_the_images_description(self, admin, news):
        image = Image.objects.create(
            title="IMG_2041",
            description="Sociālie darbinieki apmācībās Bauskā",
            file=get_test_image_file(),
        )
        url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk])
        response = admin.post(url, post_form_data(hero_image=image.pk))
        assert response.status_code == 302, response.content.decode()[:3000]
        post = BlogPage.objects.get(slug="apmacibas-bauska", locale__language_code="lv")
        assert post.hero_alt == "Sociālie darbinieki apmācībās Bauskā"

    def test_without_a_description_the_images_title_is_the_alt_text(self, news):
        image = Image.objects.create(title="Grupas nodarbība", file=get_test_image_file())
        post = BlogPage(title="Ar attēlu", slug="ar-attelu", hero_image=image, hero_alt=" ")
        post.clean()
        assert post.hero_alt == "Grupas nodarbība"

    def test_a_slug_clash_is_named_on_every_tab(self, admin, news):
        BlogPageFactory(parent=news, title="Apmācības Bauskā", slug="apmacibas-bauska")
        url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk])
        with translation.override("lv"):
            response = admin.post(url, post_form_data(), HTTP_ACCEPT_LANGUAGE="lv")
        html = response.content.decode()
        assert response.status_code == 200
        # In the message above the tabs, not only beside the field on "Promote".
        message = html.split('class="messages"', 1)[1].split("</ul>", 2)[0]
        assert "apmacibas-bauska" in message
