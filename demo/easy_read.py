"""The easy-read page "Viegli lasīt" (issue 15, item 7): seed 000 told in short sentences.

Latvian only, as Latvian public sites have it; the header of every Latvian
page links it (SiteSettings.easy_read_page).
"""

from wagtail.models import Page, Site

from home.models import ContentPage, HomePage, SiteSettings

from .legal import h, p, ul
from .tree import ensure_child

EASY_READ = {
    "title": "Viegli lasīt",
    "slug": "viegli-lasit",
    "lead": "Šeit mēs stāstām par savu projektu vienkāršiem vārdiem.",
    "search_description": "Projekts „Cilvēks: izmaiņu veicinātājs!” vienkāršā valodā.",
    "body": [
        h("Kas ir šis projekts?"),
        p(
            "Projekta nosaukums ir „Cilvēks: izmaiņu veicinātājs!”.",
            "Projektu veica nodibinājums „C Modulis”.",
            "Mēs strādājām kopā ar 7 sociālajiem dienestiem.",
            "Tie ir Kurzemē un Zemgalē.",
            "Projekts notika no 2013. gada novembra līdz 2015. gada aprīlim.",
        ),
        h("Ko mēs darījām?"),
        ul(
            "Mēs mācījām sociālos darbiniekus.",
            "Viņi iemācījās jaunu veidu, kā palīdzēt ģimenēm.",
            "Ģimenes ar bērniem saņēma jaunu palīdzību.",
            "Mēs uzrakstījām grāmatu par šo darbu. Tā ir rokasgrāmata.",
            "Mēs stāstījām par projektu semināros.",
        ),
        h("Kam projekts palīdz?"),
        p(
            "Projekts palīdz ģimenēm ar bērniem.",
            "Šīm ģimenēm dzīvē ir grūti.",
            "Varbūt ģimenei trūkst naudas.",
            "Varbūt ģimenē ir strīdi vai vardarbība.",
            "Projekts palīdz arī sociālajiem darbiniekiem.",
            "Viņi katru dienu strādā ar šīm ģimenēm.",
        ),
        h("Cik cilvēku piedalījās?"),
        ul(
            "14 sociālie darbinieki mācījās.",
            "48 ģimenes saņēma palīdzību.",
            "100 cilvēki bija 3 semināros.",
        ),
        h("Kas maksāja par projektu?"),
        p("Naudu projektam deva Islande, Lihtenšteina un Norvēģija."),
        h("Kā ar mums sazināties?"),
        p(
            'Rakstiet mums e-pastu: <a href="mailto:info@example.org">info@example.org</a>.',
            "Vai zvaniet: +371 20 000 000.",
            "Mēs atbildam darba dienās.",
        ),
    ],
}


def build_easy_read(home: HomePage) -> Page:
    """The Latvian easy-read page, and the setting that puts it in every Latvian header."""
    page = ensure_child(home, ContentPage, EASY_READ)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.easy_read_page_id is None:
        site_settings.easy_read_page = page
        site_settings.save()
    return page
