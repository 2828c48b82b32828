"""Editors' forms publish what the editor meant (issue 12, section 4)."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from wagtail.admin.forms.models import formfield_for_dbfield

from home.blocks import FiguresBlock, IndicatorBlock
from home.forms import DecimalCommaField
from home.models import ProjectPage


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
