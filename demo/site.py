"""The demo site's frame: the home page, the projects with their partners, the
about page and the site settings, from the seed texts in both languages.

Every step creates what is missing and leaves what exists alone (see demo.tree).
"""

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from home.models import ContentPage, HomePage, Partner, ProjectPage, ProjectPartner, SiteSettings

from .tree import child_by_slug, ensure_child, ensure_translation, locales, page_fields

# -- Texts ------------------------------------------------------------------

HOME = {
    "lv": {
        "title": "Cilvēks: izmaiņu veicinātājs!",
        "intro": (
            "<p>Nodibinājums „C Modulis” kopā ar septiņiem Kurzemes un Zemgales "
            "sociālajiem dienestiem attīsta sistēmisku psihosociālā darba pieeju darbā ar "
            "ģimenēm ar bērniem: apmāca sociālos darbiniekus, aprobē pieeju praksē ar "
            "supervīziju atbalstu un izdod metodoloģijas rokasgrāmatu.</p>"
        ),
    },
    "en": {
        "title": "Human: an Agent of Change!",
        "intro": (
            "<p>The foundation “C Modulis”, together with seven social services of Kurzeme "
            "and Zemgale, is developing a systemic psychosocial approach to social work with "
            "families with children: it trains social workers, tests the approach in practice "
            "with supervision, and publishes a methodology handbook.</p>"
        ),
    },
}

PROJECTS_INDEX = {
    "lv": {
        "title": "Projekti",
        "slug": "projekti",
        "lead": "Projekti, kurus īstenojam un kuros piedalāmies.",
    },
    "en": {
        "title": "Projects",
        "slug": "projects",
        "lead": "The projects we run and take part in.",
    },
}

MAIN_PROJECT = {
    "common": {
        "number": "2012.EEZ/PP/1/MEC/132",
        "status": "finished",
        "start_date": datetime.date(2013, 11, 1),
        "end_date": datetime.date(2015, 4, 30),
        "funder": "eea_ngo_2009_2014",
        "planned_beneficiaries": 48,
    },
    "lv": {
        "title": "Cilvēks: izmaiņu veicinātājs!",
        "slug": "cilveks-izmainu-veicinatajs",
        "programme": "EEZ grantu NVO projektu programma",
        "summary": (
            "Nodibinājums „C Modulis” sadarbībā ar septiņiem Kurzemes un Zemgales (Ventspils "
            "novada un pilsētas, Saldus, Kuldīgas, Talsu, Tukuma, Dobeles un Rojas) sociālajiem "
            "dienestiem īsteno sociālā darba iniciatīvas projektu „Cilvēks: izmaiņu "
            "veicinātājs!” saskaņā ar „Profesionālā sociālā darba attīstības pamatnostādnēm "
            "2014–2020” par sociālā darba specializāciju psihosociālā darba jomā."
        ),
        "goal": (
            "<p>Izstrādāt, aprobēt un ieviest ikdienas sociālā darba praksē – sociālajos "
            "dienestos un citās sociālo pakalpojumu institūcijās – sistēmisko psihosociālā "
            "darba pieeju darbā ar ģimenēm ar bērniem.</p>"
        ),
        "target_group": (
            "<p>Sociālā riska ģimenes ar bērniem un sociālie darbinieki, kas strādā ar "
            "ģimenēm un bērniem.</p>"
        ),
        "places": (
            "Zemgale (Tukuma novads, Dobeles novads), Kurzeme (Kuldīgas novads, Saldus novads, "
            "Ventspils novads, Talsu novads, Rojas novads), Jūrmala un Rīga."
        ),
        "activities": (
            "<ol><li>Ekspertu izstrādāta un īstenota psihosociālā sistēmiskā sociālā darba "
            "apmācības programma.</li>"
            "<li>Sistēmiskā psihosociālā pieeja tiek aprobēta ilgstošākā praksē ar ģimenēm un "
            "bērniem; prakses laikā tiek nodrošinātas supervīzijas.</li>"
            "<li>Tiek izstrādāta aprobēta metodoloģija: rokasgrāmata un psihosociālo "
            "pakalpojumu modeļi sociālajos dienestos; projekta rezultāti tiek popularizēti "
            "valsts, pašvaldību un NVO iestādēm.</li>"
            "<li>Informācijas izplatīšanas un publicitātes pasākumi.</li></ol>"
        ),
        "body": [
            ("heading", {"text": "Plānotie rezultāti", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Apmācīti 14 sociālie darbinieki psihosociālā sistēmiskā darbā, un 48 "
                "reģionālas sociālā riska ģimenes saņem jaunu sociālo pakalpojumu.</li>"
                "<li>Izdota metodoloģijas rokasgrāmata 200 eksemplāros.</li>"
                "<li>Īstenoti 3 reģionāli prezentācijas semināri 100 cilvēkiem un tikšanās ar "
                "sociālo pakalpojumu iestāžu vadītājiem un Labklājības ministriju.</li>"
                "<li>Izveidots profesionāls blogs un e-apkārtraksts 80 sociālo pakalpojumu "
                "sniedzējiem par projekta gaitu un rezultātiem.</li>"
                "<li>Pēc projekta aprobētā prakse tiek izmantota ikdienā 7 partneru "
                "organizācijās.</li></ul>",
            ),
            ("heading", {"text": "Problēmas, kurām pievēršam uzmanību", "level": "h2"}),
            (
                "paragraph",
                "<p><b>Sociālajam darbiniekam darbā ar ģimenēm</b>: darbs ar klientu notiek "
                "mehāniski un birokratizēti; trūkst psihosociālās konsultēšanas prasmju un "
                "vienotas, loģiski izskaidrojamas sistēmiskas metodikas; psihosociālā darba "
                "rezultātus ir grūti izvērtēt; trūkst refleksijas prasmju; vēlme iegūt ātru "
                "rezultātu neveiksmes gadījumā veicina profesionālo izdegšanu.</p>"
                "<p><b>Ģimenēm ar bērniem</b> – sociālā dienesta klientiem: iemācīta "
                "bezspēcība; nespēja saskatīt resursus un izmaiņas; atkarības un "
                "līdzatkarības problēmas; šķiršanās un tās sekas; līdzekļu trūkums; bērnu "
                "atstāšana novārtā; vardarbība un tās sekas; zems izglītības līmenis un "
                "nākotnes mērķu trūkums.</p>",
            ),
        ],
    },
    "en": {
        "title": "Human: an Agent of Change!",
        "slug": "human-an-agent-of-change",
        "programme": "EEA Grants NGO Programme",
        "summary": (
            "The foundation “C Modulis”, in partnership with seven social services of "
            "Kurzeme and Zemgale (Ventspils municipality and city, Saldus, Kuldīga, Talsi, "
            "Tukums, Dobele and Roja), runs the social-work initiative project “Human: an "
            "Agent of Change!”, in line with the Guidelines for the Development of "
            "Professional Social Work 2014–2020, on specialisation in psychosocial work."
        ),
        "goal": (
            "<p>To develop, test and bring into everyday social-work practice – in social "
            "services and other social care institutions – a systemic psychosocial approach "
            "to work with families with children.</p>"
        ),
        "target_group": (
            "<p>Families with children at social risk, and the social workers who work with "
            "families and children.</p>"
        ),
        "places": (
            "Zemgale (Tukums and Dobele municipalities), Kurzeme (Kuldīga, Saldus, Ventspils, "
            "Talsi and Roja municipalities), Jūrmala and Riga."
        ),
        "activities": (
            "<ol><li>A training programme in psychosocial systemic social work, designed and "
            "delivered by experts.</li>"
            "<li>The systemic psychosocial approach is tested in longer-term practice with "
            "families and children, with supervision throughout.</li>"
            "<li>A tested methodology is written up – a handbook and models of psychosocial "
            "services in social services – and the results are presented to national, "
            "municipal and NGO institutions.</li>"
            "<li>Information and publicity activities.</li></ol>"
        ),
        "body": [
            ("heading", {"text": "Planned results", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>14 social workers trained in psychosocial systemic work, and 48 "
                "families at social risk in the regions receive a new social service.</li>"
                "<li>A methodology handbook published in 200 copies.</li>"
                "<li>3 regional seminars presenting the results to 100 people, and meetings "
                "with heads of social service institutions and the Ministry of Welfare.</li>"
                "<li>A professional blog and an e-bulletin for 80 social service providers on "
                "the progress and results of the project.</li>"
                "<li>After the project, the tested practice is used every day in the 7 partner "
                "organisations.</li></ul>",
            ),
            ("heading", {"text": "The problems we address", "level": "h2"}),
            (
                "paragraph",
                "<p><b>For social workers working with families</b>: casework is mechanical "
                "and bureaucratic; psychosocial counselling skills and a shared, explainable "
                "systemic method are missing; the results of psychosocial work are hard to "
                "assess; reflective skills are lacking; the wish for quick results leads to "
                "burnout when they do not come.</p>"
                "<p><b>For families with children</b> – clients of the social service: learned "
                "helplessness; inability to see resources and change; addiction and "
                "co-dependency; divorce and its consequences; lack of money; neglect of "
                "children; violence and its consequences; low education and no goals for the "
                "future.</p>",
            ),
        ],
    },
}

ESF_PROJECT = {
    "common": {
        "number": "",
        "status": "in_progress",
        "start_date": datetime.date(2022, 10, 1),
        "end_date": datetime.date(2028, 8, 31),
        "funder": "esf_plus_2021_2027",
        "budget_total": Decimal("12470000"),
        "budget_funder": Decimal("10599500"),
        "planned_beneficiaries": 3099,
    },
    "lv": {
        "title": "Profesionāla un mūsdienīga sociālā darba attīstība",
        "slug": "profesionala-un-musdieniga-sociala-darba-attistiba",
        "programme": "Eiropas Sociālā fonda Plus pasākums 4.3.5.4.",
        "summary": (
            "Projekta mērķis ir paaugstināt sociālā darba efektivitāti un pilnveidot sociālajā "
            "jomā strādājošo speciālistu profesionālo kompetenci."
        ),
        "goal": (
            "<p>Paaugstināt sociālā darba efektivitāti un pilnveidot sociālajā jomā strādājošo "
            "speciālistu profesionālo kompetenci, uzlabot sociālā darba kā profesijas un "
            "cilvēkzinātnes nozares kvalitāti un sekmēt cilvēku vajadzībām atbilstošu sociālo "
            "pakalpojumu pieejamību.</p>"
        ),
        "target_group": (
            "<p>Sociālo pakalpojumu sniedzēji, tai skaitā sociālā darba speciālisti, iestāžu, "
            "nevalstisko organizāciju un to struktūrvienību vadītāji, aprūpes speciālisti un "
            "ģimenes asistenti; sociālā darba studiju programmu mācībspēki un studenti.</p>"
        ),
        "places": "Visa Latvija",
        "activities": (
            "<ul><li>Sociālo dienestu un sociālās jomas NVO vadītāju, sociālo darbinieku, "
            "ģimenes asistentu un aprūpētāju profesionālās kompetences pilnveide.</li>"
            "<li>Līderības mācības sociālajiem darbiniekiem.</li>"
            "<li>Jaunu sociālā darba metodiku izstrāde darbam ar dažādām klientu grupām un "
            "mācības to apguvei.</li>"
            "<li>Palīdzošo profesiju un sociālā darba speciālistu komandas vietējo krīžu risku "
            "un seku mazināšanai.</li>"
            "<li>Supervīzijas pašvaldību sociālo pakalpojumu sniedzēju iestādēs un izdevums "
            "„Sociālais darbs Latvijā”.</li>"
            "<li>Pētījumi par nozares attīstību un projekta ex-post izvērtējums.</li></ul>"
        ),
        "body": [
            (
                "paragraph",
                "<p>No plānotajiem 3 099 labuma guvējiem 2 603 personas būs pilnveidojušas "
                "savu profesionālo kompetenci.</p>",
            ),
        ],
    },
    "en": {
        "title": "Professional and Modern Social Work Development",
        "slug": "professional-and-modern-social-work-development",
        "programme": "European Social Fund Plus measure 4.3.5.4",
        "summary": (
            "The project aims to make social work more effective and to develop the "
            "professional competence of specialists working in the social field."
        ),
        "goal": (
            "<p>To make social work more effective and develop the professional competence of "
            "specialists in the social field, to raise the quality of social work as a "
            "profession and a human science, and to make social services that meet people’s "
            "needs easier to obtain.</p>"
        ),
        "target_group": (
            "<p>Social service providers, including social work specialists, heads of "
            "institutions, non-governmental organisations and their units, care workers and "
            "family assistants; teachers and students of social work study programmes.</p>"
        ),
        "places": "All of Latvia",
        "activities": (
            "<ul><li>Professional development for heads of social services and social NGOs, "
            "social workers, family assistants and carers.</li>"
            "<li>Leadership training for social workers.</li>"
            "<li>New social-work methods for different client groups, and training to learn "
            "them.</li>"
            "<li>Teams of helping professions and social workers to reduce the risks and "
            "effects of local crises.</li>"
            "<li>Supervision in municipal social service providers, and the periodical "
            "“Sociālais darbs Latvijā” (Social Work in Latvia).</li>"
            "<li>Research on the development of the sector and an ex-post evaluation of the "
            "project.</li></ul>"
        ),
        "body": [
            (
                "paragraph",
                "<p>Of the 3,099 planned beneficiaries, 2,603 people will have developed their "
                "professional competence.</p>",
            ),
        ],
    },
}

ABOUT = {
    "lv": {
        "title": "Par mums un kontakti",
        "slug": "par-mums",
        "lead": (
            "Nodibinājums „C Modulis” attīsta profesionālu sociālo darbu un atbalsta sociālos "
            "darbiniekus darbā ar ģimenēm."
        ),
        "body": [
            ("heading", {"text": "Kontakti", "level": "h2"}),
            (
                "paragraph",
                '<p>Rakstiet mums uz <a href="mailto:info@example.org">info@example.org</a>. '
                "Uz vēstulēm atbildam darba dienās.</p>",
            ),
        ],
    },
    "en": {
        "title": "About us and contact",
        "slug": "about-us",
        "lead": (
            "The foundation “C Modulis” develops professional social work and supports social "
            "workers in their work with families."
        ),
        "body": [
            ("heading", {"text": "Contact", "level": "h2"}),
            (
                "paragraph",
                '<p>Write to us at <a href="mailto:info@example.org">info@example.org</a>. '
                "We answer on working days.</p>",
            ),
        ],
    },
}

PARTNERS = [
    (
        ("Ventspils novada un pilsētas sociālais dienests", "Ventspils novads"),
        ("Ventspils Municipality and City Social Service", "Ventspils Municipality"),
    ),
    (
        ("Saldus novada sociālais dienests", "Saldus novads"),
        ("Saldus Municipality Social Service", "Saldus Municipality"),
    ),
    (
        ("Kuldīgas novada sociālais dienests", "Kuldīgas novads"),
        ("Kuldīga Municipality Social Service", "Kuldīga Municipality"),
    ),
    (
        ("Talsu novada sociālais dienests", "Talsu novads"),
        ("Talsi Municipality Social Service", "Talsi Municipality"),
    ),
    (
        ("Tukuma novada sociālais dienests", "Tukuma novads"),
        ("Tukums Municipality Social Service", "Tukums Municipality"),
    ),
    (
        ("Dobeles novada sociālais dienests", "Dobeles novads"),
        ("Dobele Municipality Social Service", "Dobele Municipality"),
    ),
    (
        ("Rojas novada sociālais dienests", "Rojas novads"),
        ("Roja Municipality Social Service", "Roja Municipality"),
    ),
]


# -- Steps -------------------------------------------------------------------


def build_home() -> HomePage:
    """Replace Wagtail's welcome page by the Latvian home page and its translation."""
    latvian, english = locales()
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale=latvian).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(slug="sakums", locale=latvian, **HOME["lv"])
        root.add_child(instance=home)
        home.save_revision().publish()
        welcome = site.root_page if site else None
        if site is None:
            site = Site(is_default_site=True)
        # Full URLs (feeds, sitemap, structured data) start with SITE_URL.
        origin = urlsplit(settings.SITE_URL)
        site.hostname = origin.hostname or "localhost"
        site.port = origin.port or (443 if origin.scheme == "https" else 80)
        site.root_page = home
        site.site_name = HOME["lv"]["title"]
        site.save()
        if welcome is not None and welcome.specific_class is Page:
            welcome.delete()
    ensure_translation(home, english, {"slug": "home", **HOME["en"]})
    return home


def build_partners() -> list[Partner]:
    latvian, english = locales()
    partners = []
    for (lv_name, lv_municipality), (en_name, en_municipality) in PARTNERS:
        partner = Partner.objects.filter(locale=latvian, name=lv_name).first()
        if partner is None:
            partner = Partner.objects.create(
                locale=latvian, name=lv_name, municipality=lv_municipality
            )
        if partner.get_translation_or_none(english) is None:
            translation = partner.copy_for_translation(english)
            translation.name, translation.municipality = en_name, en_municipality
            translation.save()
        partners.append(partner)
    return partners


def build_projects(home: HomePage, partners: list[Partner]) -> ProjectPage:
    _, english = locales()
    index = ensure_child(home, ContentPage, {**PROJECTS_INDEX["lv"], "show_in_menus": True})
    ensure_translation(index, english, PROJECTS_INDEX["en"])

    main = child_by_slug(index, MAIN_PROJECT["lv"]["slug"])
    if main is None:
        main = ProjectPage(**page_fields(MAIN_PROJECT["lv"], MAIN_PROJECT["common"]))
        main.project_partners = [ProjectPartner(partner=partner) for partner in partners]
        index.add_child(instance=main)
        main.save_revision().publish()
    ensure_translation(main, english, MAIN_PROJECT["en"])

    esf = ensure_child(index, ProjectPage, page_fields(ESF_PROJECT["lv"], ESF_PROJECT["common"]))
    ensure_translation(esf, english, ESF_PROJECT["en"])

    for home_translation in home.get_translations(inclusive=True).specific():
        if home_translation.featured_project_id is None:
            home_translation.featured_project = main.get_translation(home_translation.locale)
            home_translation.save_revision().publish()
    return main


def build_about(home: HomePage) -> None:
    _, english = locales()
    about = ensure_child(home, ContentPage, {**ABOUT["lv"], "show_in_menus": True})
    ensure_translation(about, english, ABOUT["en"])


def build_site_settings(accessibility: Page, privacy: Page) -> None:
    """The contact details, and the legal pages the footer links to."""
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if site_settings.accessibility_page_id is None:
        site_settings.accessibility_page, site_settings.privacy_page = accessibility, privacy
        site_settings.save()
    if not site_settings.email:
        site_settings.organisation = "Nodibinājums „C Modulis”"
        site_settings.address = "Rīga, Latvija"
        site_settings.email = "info@example.org"
        site_settings.phone = "+371 20 000 000"
        site_settings.save()
