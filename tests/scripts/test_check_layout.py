"""The layout rules' check (scripts/check_layout.py) on small made-up projects."""

from pathlib import Path

from scripts import check_layout
from scripts.check_layout import (
    APP_CIRCLE,
    APP_IMPORTS_WEBSITE,
    DEMO_IMPORTED,
    MODULE_CIRCLE,
    TOO_LONG,
    find_problems,
)

ROOT = Path(__file__).resolve().parents[2]


def make_tree(root: Path, files: dict[str, str]) -> Path:
    """Write each file; every folder of a path gets an __init__.py unless it has one."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for folder in path.relative_to(root).parents:
            if folder != Path("."):
                (root / folder / "__init__.py").touch()
    return root


def rules(root: Path) -> list[str]:
    return [problem.rule for problem in find_problems(root)]


# -- Modules importing each other ---------------------------------------------


def test_two_modules_importing_each_other_fail(tmp_path):
    make_tree(tmp_path, {"shop/a.py": "from shop import b\n", "shop/b.py": "from . import a\n"})
    problems = find_problems(tmp_path)
    assert [problem.rule for problem in problems] == [MODULE_CIRCLE]
    assert "shop.a (shop/a.py:1) -> shop.b (shop/b.py:1) -> shop.a" in problems[0].message


def test_a_circle_of_three_fails_and_names_every_step(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/a.py": "import shop.b\n",
            "shop/b.py": "from shop.c import thing\n",
            "shop/c.py": "thing = 1\n\n\ndef late():\n    from shop import a\n",
        },
    )
    problems = find_problems(tmp_path)
    assert [problem.rule for problem in problems] == [MODULE_CIRCLE]
    assert problems[0].message == (
        "shop.a (shop/a.py:1) -> shop.b (shop/b.py:1) -> shop.c (shop/c.py:5) -> shop.a"
    )


def test_an_import_inside_a_function_counts(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models.py": "def send():\n    from .tasks import deliver\n",
            "shop/tasks.py": "from shop.models import Order\n",
        },
    )
    assert rules(tmp_path) == [MODULE_CIRCLE]


def test_an_import_under_type_checking_does_not_count(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models.py": "from shop import rules\n",
            "shop/rules.py": (
                "from typing import TYPE_CHECKING\n"
                "import typing\n"
                "if TYPE_CHECKING:\n    from shop.models import Order\n"
                "if typing.TYPE_CHECKING:\n    from shop import models\n"
            ),
        },
    )
    assert rules(tmp_path) == []


def test_the_else_branch_of_type_checking_counts(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models.py": "from shop import rules\n",
            "shop/rules.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    pass\nelse:\n    from shop.models import Order\n"
            ),
        },
    )
    assert rules(tmp_path) == [MODULE_CIRCLE]


def test_a_package_importing_its_submodule_and_back_is_a_circle(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models/__init__.py": "from .orders import Order\n",
            "shop/models/orders.py": "from shop import pricing\n",
            "shop/pricing.py": "from shop.models import Order\n",
        },
    )
    message = find_problems(tmp_path)[0].message
    assert message.startswith("shop.models (shop/models/__init__.py:1) -> shop.models.orders")


def test_modules_importing_one_way_pass(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models.py": "from shop import rules\nimport django.db\n",
            "shop/rules.py": "import datetime\n",
            "shop/views.py": "from .models import Order\nfrom .rules import price\n",
        },
    )
    assert rules(tmp_path) == []


# -- Apps importing each other -------------------------------------------------


def test_two_apps_importing_each_other_fail(tmp_path):
    make_tree(
        tmp_path,
        {
            "shop/models.py": "from blog.blocks import Text\n",
            "blog/blocks.py": "Text = 1\n",
            "blog/menu.py": "from shop.models import Order\n",
        },
    )
    problems = find_problems(tmp_path)
    # Each module imports one way: only the apps make a circle.
    assert [problem.rule for problem in problems] == [APP_CIRCLE]
    assert problems[0].message == "blog (blog/menu.py:1) -> shop (shop/models.py:1) -> blog"


def test_apps_in_a_circle_of_three_fail(tmp_path):
    make_tree(
        tmp_path,
        {
            "a/x.py": "import b.x\n",
            "b/x.py": "import c.x\n",
            "c/y.py": "import a.x\n",
        },
    )
    assert rules(tmp_path) == [APP_CIRCLE]


def test_an_app_is_a_folder_with_apps_py_even_without_init(tmp_path):
    shop = {"shop/apps.py": "", "shop/x.py": "import blog.y\n", "shop/w.py": ""}
    for name, text in shop.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    make_tree(tmp_path, {"blog/y.py": "", "blog/z.py": "def f():\n    import shop.w\n"})
    assert rules(tmp_path) == [APP_CIRCLE]


def test_apps_depending_one_way_pass(tmp_path):
    make_tree(
        tmp_path,
        {
            "core/blocks.py": "Text = 1\n",
            "shop/models.py": "from core.blocks import Text\n",
            "blog/models.py": "from core.blocks import Text\nfrom shop.models import Order\n",
        },
    )
    assert rules(tmp_path) == []


# -- The project package -------------------------------------------------------


def test_an_app_importing_website_fails(tmp_path):
    make_tree(
        tmp_path,
        {
            "website/urls.py": "import shop.views\n",
            "website/client_ip.py": "def client_ip(request):\n    return None\n",
            "shop/views.py": "x = 1\n",
            "shop/models.py": "\nfrom website.client_ip import client_ip\n",
        },
    )
    problems = find_problems(tmp_path)
    assert [problem.rule for problem in problems] == [APP_IMPORTS_WEBSITE]
    assert problems[0].message == "shop/models.py:2: shop.models imports website.client_ip"


def test_website_importing_apps_passes(tmp_path):
    make_tree(
        tmp_path,
        {
            "website/urls.py": "import shop.views\nfrom blog import feeds\n",
            "website/settings/base.py": "INSTALLED_APPS = ['shop', 'blog']\n",
            "shop/views.py": "from . import models\n",
            "shop/models.py": "",
            "blog/feeds.py": "",
        },
    )
    assert rules(tmp_path) == []


# -- The demo ------------------------------------------------------------------


def test_importing_demo_outside_the_tests_fails(tmp_path):
    make_tree(
        tmp_path,
        {
            "demo/loading.py": "from shop.models import Order\n",
            "shop/models.py": "",
            "shop/views.py": "def load():\n    from demo import loading\n",
            "website/urls.py": "from demo.loading import load\n",
            "tools/run.py": "import demo.loading\n",
        },
    )
    problems = find_problems(tmp_path)
    assert [problem.message for problem in problems if problem.rule == DEMO_IMPORTED] == [
        "shop/views.py:2: shop.views imports demo.loading",
        "tools/run.py:1: tools.run imports demo.loading",
        "website/urls.py:1: website.urls imports demo.loading",
    ]


def test_the_tests_and_demo_itself_may_import_demo(tmp_path):
    make_tree(
        tmp_path,
        {
            "demo/loading.py": "from demo.site import build\nfrom .tree import ensure\n",
            "demo/site.py": "from shop.models import Order\n",
            "demo/tree.py": "",
            "shop/models.py": "",
            "tests/test_demo.py": "from demo.loading import load\nimport shop.models\n",
        },
    )
    assert rules(tmp_path) == []


# -- Module size ---------------------------------------------------------------


def test_a_module_over_600_lines_fails(tmp_path):
    make_tree(tmp_path, {"shop/long.py": "x = 1\n" * 601, "shop/fine.py": "x = 1\n" * 600})
    problems = find_problems(tmp_path)
    assert [(problem.rule, problem.message) for problem in problems] == [
        (TOO_LONG, "shop/long.py: 601 lines")
    ]


def test_migrations_may_be_long(tmp_path):
    make_tree(tmp_path, {"shop/migrations/0001_initial.py": "x = 1\n" * 2000})
    assert rules(tmp_path) == []


def test_a_test_module_over_600_lines_fails_too(tmp_path):
    # The tests are exempt from the import rules (they may import anything,
    # the demo included), not from the length rule: a newcomer reads them too.
    make_tree(tmp_path, {"tests/test_shop.py": "x = 1\n" * 601, "tests/test_ok.py": "x = 1\n"})
    problems = find_problems(tmp_path)
    assert [(problem.rule, problem.message) for problem in problems] == [
        (TOO_LONG, "tests/test_shop.py: 601 lines")
    ]


# -- Running it ----------------------------------------------------------------


def test_main_lists_the_problems_under_each_rule_and_fails(tmp_path, capsys):
    make_tree(
        tmp_path,
        {
            "shop/a.py": "import shop.b\n",
            "shop/b.py": "import shop.a\nimport website.x\n",
            "website/x.py": "",
        },
    )
    assert check_layout.main([str(tmp_path)]) == 1
    output = capsys.readouterr().out
    assert "Modules that import each other" in output
    assert "Apps that import the project package `website`:" in output
    assert "  - shop/b.py:2: shop.b imports website.x" in output


def test_main_passes_quietly_on_a_tidy_tree(tmp_path, capsys):
    make_tree(tmp_path, {"shop/models.py": "import django\n"})
    assert check_layout.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Layout rules hold.\n"


def test_in_this_project_the_demo_is_a_leaf_in_no_circle():
    """Whatever else the check finds while other rooms are rebuilt, not about demo."""
    problems = find_problems(ROOT)
    assert not [problem for problem in problems if problem.rule == DEMO_IMPORTED]
    assert not [problem for problem in problems if "demo" in problem.message]
