"""Results from attendance: an indicator counts the people present at events of a category."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Locale

from core import live_figures
from core.blocks import IndicatorBlock
from home.models import ResultsPage
from registrations import attendance, results
from tests.support.factories import BlogCategoryFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seminars():
    """The category "Semināri" with its English translation."""
    category = BlogCategoryFactory(name="Semināri", slug="seminari")
    english = category.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name, english.slug = "Seminars", "seminars"
    english.save()
    return category


@pytest.fixture
def seminar(make_event, seminars):
    """A seminar held yesterday and a day before, in the category."""
    event = make_event(
        start=timezone.now() - datetime.timedelta(days=2),
        recurrence="weekly",
        repeat_count=1,
        capacity=None,
    )
    event.categories.add(seminars)
    event.save_revision().publish()
    return event


def binding(category) -> str:
    return live_figures.binding(results.KIND, str(category.translation_key))


@pytest.fixture
def results_page(home, seminars):
    page = ResultsPage(
        title="Rezultāti",
        slug="rezultati",
        indicators=[
            (
                "indicator",
                {
                    "label": "Semināru dalībnieki",
                    "unit": "cilvēki",
                    "target": 100,
                    "achieved": 7,
                    "as_of": datetime.date(2014, 1, 1),
                    "counted_from": binding(seminars),
                    "key_figure": True,
                },
            ),
            (
                "indicator",
                {
                    "label": "Ģimenes",
                    "target": 48,
                    "achieved": 30,
                    "as_of": datetime.date(2014, 6, 1),
                },
            ),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def mark(event, *registrations) -> datetime.date:
    day = attendance.sessions(event)[0]
    for registration in registrations:
        attendance.mark(registration, day)
    return day


def test_the_editor_can_choose_a_category_to_count_from(seminars):
    labels = dict(live_figures.choices())
    assert labels[binding(seminars)].endswith("Semināri")
    assert sum(1 for label in labels.values() if "Semin" in label) == 1  # once, not per language


def test_a_bound_indicator_counts_distinct_people_present(seminar, results_page, make_event):
    anna = RegistrationFactory(event=seminar, email="anna@example.lv")
    ilze = RegistrationFactory(event=seminar)
    RegistrationFactory(event=seminar)  # registered, never marked present
    day = mark(seminar, anna, ilze)
    # Anna again, at a second seminar: still one person.
    other = make_event(
        slug="otrais",
        start=timezone.now() - datetime.timedelta(days=1),
        capacity=None,
    )
    other.categories.add(seminar.categories.get())
    other.save_revision().publish()
    mark(
        other,
        RegistrationFactory(event=other, email="Anna@Example.lv", email_key="anna@example.lv"),
    )
    counted, typed = ResultsPage.objects.get(pk=results_page.pk).indicator_values()
    assert counted["achieved"] == 2
    assert counted["as_of"] == max(day, attendance.sessions(other)[0])
    assert counted.share() == 2
    assert typed["achieved"] == 30  # a typed indicator keeps its number


def test_events_of_other_categories_do_not_count(seminar, results_page, make_event):
    training = make_event(slug="apmaciba", start=timezone.now() - datetime.timedelta(days=1))
    training.categories.add(BlogCategoryFactory(name="Apmācības"))
    training.save()
    mark(training, RegistrationFactory(event=training))
    counted = results_page.indicator_values()[0]
    assert counted["achieved"] == 0
    assert counted["as_of"] == datetime.date(2014, 1, 1)  # nothing counted yet: the typed date


def test_a_category_set_only_on_the_english_page_counts_too(make_event, seminars, results_page):
    event = make_event(start=timezone.now() - datetime.timedelta(days=1))
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.categories.add(seminars.get_translation(english.locale))
    english.save_revision().publish()
    mark(event, RegistrationFactory(event=event))
    assert results_page.indicator_values()[0]["achieved"] == 1


def test_results_home_and_open_data_move_when_attendance_is_marked(seminar, results_page):
    visitor = Client()
    anna = RegistrationFactory(event=seminar)
    visitor.get(results_page.url)
    visitor.get("/lv/")
    assert visitor.get(results_page.url)["X-Page-Cache"] == "hit"
    mark(seminar, anna)
    page = visitor.get(results_page.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Semināru dalībnieki" in page.content.decode()
    home = visitor.get("/lv/")
    assert home["X-Page-Cache"] == "miss"
    assert "<strong>1</strong> <span>Semināru dalībnieki</span>" in home.content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(
                visitor.get(f"{results_page.url}indicators/csv/").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0]["achieved"] == "1"
    data = json.loads(visitor.get(f"{results_page.url}indicators/json/").content)
    assert data["indicators"][0]["achieved"] == 1
    assert data["indicators"][0]["as_of"] == attendance.sessions(seminar)[0].isoformat()
    # Taken back: the figure follows.
    attendance.mark(anna, attendance.sessions(seminar)[0], present=False)
    assert "<strong>0</strong>" in visitor.get("/lv/").content.decode()


def test_the_english_translation_shows_the_same_figure(seminar, results_page):
    english = results_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    mark(seminar, RegistrationFactory(event=seminar))
    assert english.indicator_values()[0]["achieved"] == 1


def test_an_unknown_binding_falls_back_to_the_typed_figure(results_page):
    value = IndicatorBlock().to_python(
        {
            "label": "X",
            "target": 10,
            "achieved": 4,
            "as_of": "2014-01-01",
            "counted_from": "attendance:not-a-key",
        }
    )
    assert value.current()["achieved"] == 4
    value = IndicatorBlock().to_python(
        {
            "label": "X",
            "target": 10,
            "achieved": 4,
            "as_of": "2014-01-01",
            "counted_from": "nothing:at-all",
        }
    )
    assert value.current()["achieved"] == 4


def test_a_typed_indicator_needs_its_figure_and_date_a_counted_one_does_not(seminars):
    block = IndicatorBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"label": "Ģimenes", "target": 48}))
    assert set(refused.value.block_errors) == {"achieved", "as_of"}
    counted = block.clean(
        block.to_python({"label": "Dalībnieki", "target": 100, "counted_from": binding(seminars)})
    )
    assert counted["achieved"] is None


def test_an_event_offers_the_categories_of_its_language_as_checkboxes(admin_client, seminar):
    html = admin_client.get(f"/admin/pages/{seminar.pk}/edit/").content.decode()
    assert 'type="checkbox" name="categories"' in html
    assert "Semināri" in html
    assert "Seminars" not in html


def test_the_results_page_editor_offers_the_categories_in_latvian(admin_client, results_page):
    response = admin_client.get(f"/admin/pages/{results_page.pk}/edit/")
    assert response.status_code == 200
    # In the StreamField's JSON definition, where non-ASCII letters are escaped.
    assert json.dumps("Klātesošie pasākumos: Semināri")[1:-1] in response.content.decode()
