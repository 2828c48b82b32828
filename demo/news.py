"""Demo news in Latvian and English, from the seed texts (001, 002, 003) and about
the seed 000 project. Creates only what is missing (see demo.tree)."""

import datetime

from django.utils.text import slugify
from wagtail.models import Locale

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from home.models import HomePage

from .images import demo_image
from .tree import ensure_child, ensure_translation, redirect_latvian_slug

NEWS_INDEX = {
    "lv": {
        "title": "Jaunumi",
        "slug": "jaunumi",
        "intro": "<p>Ziņas par projektu, apmācībām, supervīzijām un semināriem.</p>",
    },
    "en": {
        "title": "News",
        "slug": "news",
        "intro": "<p>News about the project, trainings, supervisions and seminars.</p>",
    },
}

# slug: (Latvian name, English name)
CATEGORIES = {
    "apmacibas": ("Apmācības", "Trainings"),
    "supervizijas": ("Supervīzijas", "Supervision"),
    "seminari": ("Semināri", "Seminars"),
    "projektu-zinas": ("Projektu ziņas", "Project news"),
}


def paragraph(*paragraphs: str) -> tuple[str, str]:
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def figures(heading: str, items: list[tuple[int, str]]) -> tuple[str, dict]:
    return (
        "figures",
        {"heading": heading, "figures": [{"value": n, "label": label} for n, label in items]},
    )


POSTS = [
    {
        "slug": "daugavpils-pilotprojekts-vardarbiba",
        "date": datetime.date(2019, 5, 20),
        "categories": ["apmacibas"],
        "tags": ["vardarbība", "metodika"],
        "image": ("Apmācības Rīgā", (38, 84, 124)),
        "lv": {
            "title": "Daugavpils sociālais dienests piedalās metodikas pilotprojektā",
            "lead": (
                "Daugavpils sociālā dienesta speciālisti kopā ar 28 sociālajiem darbiniekiem no "
                "16 pašvaldībām aprobē metodiku darbam ar vardarbībā cietušām un vardarbību "
                "veikušām personām."
            ),
            "image_alt": "Abstrakts attēls: apļi uz zila fona",
            "body": [
                paragraph(
                    "Daugavpils pilsētas pašvaldības iestāde „Sociālais dienests” piedalās "
                    "Labklājības ministrijas ESF projekta „Profesionāla sociālā darba attīstība "
                    "pašvaldībās” aktivitātē, kurā tiek izstrādātas metodikas sociālajiem "
                    "darbiniekiem darbam ar klientu mērķa grupām.",
                    "No 2019. gada 16. maija divi dienesta sociālā darba speciālisti piedalās "
                    "pilotprojektā „Metodikas sociālajam darbam ar vardarbībā cietušām un "
                    "vardarbību veikušām personām aprobēšana” kopā ar 28 sociālajiem "
                    "darbiniekiem no 16 pašvaldību sociālajiem dienestiem. Pilotprojekts ilgst "
                    "6 mēnešus – līdz 2019. gada 31. oktobrim.",
                ),
                ("heading", {"text": "Apmācības reizi mēnesī", "level": "h2"}),
                paragraph(
                    "Apmācības notiek reizi mēnesī divas dienas pēc kārtas nodibinājumā „Centrs "
                    "Dardedze”, Cieceres ielā 3a, Rīgā. Pēc pilotprojekta metodika tiks ieviesta "
                    "visā Latvijā.",
                ),
                figures(
                    "Pilotprojekts skaitļos",
                    [(16, "pašvaldības"), (28, "sociālie darbinieki"), (6, "mēneši")],
                ),
            ],
        },
        "en": {
            "tags": ["violence", "methods"],
            "slug": "daugavpils-joins-a-pilot-of-a-new-method",
            "title": "Daugavpils social service joins a pilot of a new method",
            "lead": (
                "Specialists of the Daugavpils social service, together with 28 social workers "
                "from 16 municipalities, are testing a method for work with victims and "
                "perpetrators of violence."
            ),
            "image_alt": "Abstract picture: circles on a blue background",
            "body": [
                paragraph(
                    "The Daugavpils city social service takes part in an activity of the Ministry "
                    "of Welfare’s ESF project “Development of Professional Social Work in "
                    "Municipalities”, which develops methods for social workers’ work with "
                    "different client groups.",
                    "Since 16 May 2019, two of the service’s social work specialists have taken "
                    "part in the pilot “Testing the method of social work with victims and "
                    "perpetrators of violence”, together with 28 social workers from 16 "
                    "municipal social services. The pilot lasts six months, until 31 October 2019.",
                ),
                ("heading", {"text": "Training once a month", "level": "h2"}),
                paragraph(
                    "Training takes place once a month on two consecutive days at the foundation "
                    "“Centrs Dardedze”, Cieceres iela 3a, Riga. After the pilot the method will be "
                    "introduced throughout Latvia.",
                ),
                figures(
                    "The pilot in figures",
                    [(16, "municipalities"), (28, "social workers"), (6, "months")],
                ),
            ],
        },
    },
    {
        "slug": "cesu-gimenu-stiprinasanas-projekta-gada-parskats",
        "date": datetime.date(2013, 1, 31),
        "authors": "Ilze Žagare",
        "categories": ["projektu-zinas"],
        "tags": ["ģimeņu atbalsts", "Cēsis"],
        "image": ("Ģimeņu atbalsts Cēsīs", (122, 31, 43)),
        "lv": {
            "title": "Gada pārskats: ģimeņu stiprināšanas projekts Cēsu novadā",
            "lead": (
                "Pirmajā darba gadā ģimeņu atbalsta projektā Cēsu novadā iesaistījās 49 ģimenes – "
                "193 cilvēki, no tiem 103 bērni."
            ),
            "image_alt": "Abstrakts attēls: apļi uz tumši sarkana fona",
            "body": [
                paragraph(
                    "Aizvadīts pirmais darba gads Eiropas Sociālā fonda finansētajā projektā "
                    "„Ģimeņu stiprināšanas programmas izstrāde un ieviešana Cēsu novadā”. Ģimenes "
                    "saņēma divu sociālā darba speciālistu komandu atbalstu – katrā komandā "
                    "strādā sociālais darbinieks un sociālais rehabilitētājs, kas kā mobilā "
                    "vienība dodas arī uz ģimenes dzīvesvietu.",
                ),
                figures(
                    "Projekta ģimenes",
                    [(49, "ģimenes"), (193, "cilvēki"), (103, "bērni"), (90, "pieaugušie")],
                ),
                ("heading", {"text": "Speciālistu konsultācijas", "level": "h2"}),
                figures(
                    "",
                    [
                        (177, "psihologa konsultācijas"),
                        (200, "psihoterapeita konsultācijas"),
                        (322, "fizioterapeita konsultācijas"),
                        (276, "logopēda konsultācijas"),
                        (149, "jurista konsultācijas"),
                        (85, "narkologa konsultācijas"),
                    ],
                ),
                paragraph(
                    "Sociālie rehabilitētāji palīdz vecākiem iekļauties darba tirgū: kopā ar "
                    "klientu raksta CV, izveido e-pasta adresi un māca meklēt darba piedāvājumus. "
                    "Projekts ilgst no 2012. gada 2. janvāra līdz 2013. gada 30. jūnijam.",
                ),
            ],
        },
        "en": {
            "tags": ["family support", "Cēsis"],
            "slug": "annual-report-cesis-family-support",
            "title": "A year in review: the family-strengthening project in Cēsis",
            "lead": (
                "In its first year, 49 families – 193 people, 103 of them children – took part in "
                "the family-support project in Cēsis municipality."
            ),
            "image_alt": "Abstract picture: circles on a dark red background",
            "body": [
                paragraph(
                    "The first year of the ESF-funded project “Developing and introducing a "
                    "family-strengthening programme in Cēsis municipality” is over. Families were "
                    "supported by two teams, each of a social worker and a social rehabilitator, "
                    "who also visit families at home as a mobile unit.",
                ),
                figures(
                    "Families in the project",
                    [(49, "families"), (193, "people"), (103, "children"), (90, "adults")],
                ),
                ("heading", {"text": "Specialist consultations", "level": "h2"}),
                figures(
                    "",
                    [
                        (177, "psychologist consultations"),
                        (200, "psychotherapist consultations"),
                        (322, "physiotherapist consultations"),
                        (276, "speech therapist consultations"),
                        (149, "lawyer consultations"),
                        (85, "addiction specialist consultations"),
                    ],
                ),
                paragraph(
                    "Social rehabilitators help parents into work: they write a CV together with "
                    "the client, set up an e-mail address and show how to look for vacancies. The "
                    "project runs from 2 January 2012 to 30 June 2013.",
                ),
            ],
        },
    },
    {
        "slug": "aktualitates-bauska-un-valmiera",
        "date": datetime.date(2014, 12, 6),
        "authors": "Irēna Kalniņa",
        "categories": ["projektu-zinas", "supervizijas"],
        "tags": ["atbalsta grupas", "mentori", "ģimeņu atbalsts"],
        "image": ("Atbalsta grupas Bauskā", (33, 105, 84)),
        "lv": {
            "title": "Aktualitātes ģimeņu atbalsta projektā Bauskā un Valmierā",
            "lead": (
                "Trīspadsmit mēnešos pakalpojumus saņēmusi 101 ģimene; darbu sākuši brīvprātīgie "
                "mentori, un 15. decembrī notiks Ģimeņu grupu konferences supervīzija."
            ),
            "image_alt": "Abstrakts attēls: apļi uz zaļa fona",
            "body": [
                paragraph(
                    "Bauskas novadā un Valmierā darbu turpina projekts „Atbalsta pasākumu "
                    "attīstība sociālās atstumtības riskam pakļauto ģimeņu ar bērniem "
                    "iekļaušanai sabiedrībā” (Nr. 2012.EEZ/PP/1/MAC/150/008). SOS ģimeņu atbalsta "
                    "centros strādā sociālie darbinieki, psihologi, juristi un ģimeņu asistenti.",
                    "Atbalsta grupa sievietēm, kuras cietušas no vardarbības ģimenē, atsāka darbu "
                    "novembrī: nodarbības notiek reizi nedēļā, piektdienās, Bauskas novada Sociālā "
                    "dienesta telpās. Valmierā reizi mēnesī tiekas atbalsta grupa vecākiem, kuri "
                    "audzina bērnus ar invaliditāti.",
                    "Kopš oktobra darbojas 6 brīvprātīgie mentori – sociāli aktīvi jaunieši, kas "
                    "pavada laiku ar jauniešiem no projekta ģimenēm.",
                    "15. decembrī Bauskas novada Sociālajā dienestā Ģimeņu grupu konferences "
                    "metodes eksperte Irina Hanasjuka vadīs supervīziju speciālistiem, kuri vasarā "
                    "apguva šo metodi.",
                ),
            ],
        },
        "en": {
            "tags": ["support groups", "mentors", "family support"],
            "slug": "news-from-bauska-and-valmiera",
            "title": "News from the family-support project in Bauska and Valmiera",
            "lead": (
                "In thirteen months 101 families have received services; volunteer mentors "
                "have started work, and a Family Group Conference supervision takes place on "
                "15 December."
            ),
            "image_alt": "Abstract picture: circles on a green background",
            "body": [
                paragraph(
                    "The project “The development of supporting measures to include families with "
                    "children who are at risk of social exclusion” (No 2012.EEZ/PP/1/MAC/150/008) "
                    "continues its work in Bauska County and Valmiera City. Social workers, "
                    "psychologists, lawyers and family assistants work in the SOS Family Support "
                    "Centres.",
                    "The support group for women who have suffered from domestic violence resumed "
                    "in November: it meets once a week, on Fridays, in Bauska County Social "
                    "Department. In Valmiera, a support group for parents raising children with "
                    "disabilities meets once a month.",
                    "Since October, 6 volunteer mentors – socially active young people – spend "
                    "free time with teenagers from the project’s families.",
                    "On 15 December, Family Group Conference expert Irina Hanasjuk will lead a "
                    "supervision in Bauska County Social Department for the specialists who "
                    "learned the method in the summer.",
                ),
            ],
        },
    },
    {
        "slug": "sakas-psihosocialas-sistemiskas-apmacibas",
        "date": datetime.date(2013, 12, 12),
        "categories": ["apmacibas"],
        "tags": ["psihosociālais darbs", "ģimeņu atbalsts"],
        "image": ("Psihosociālās apmācības", (86, 62, 130)),
        "lv": {
            "title": "Sākas apmācības psihosociālajā sistēmiskajā sociālajā darbā",
            "lead": (
                "14 sociālie darbinieki no septiņiem Kurzemes un Zemgales sociālajiem dienestiem "
                "sāk ekspertu izstrādātu apmācību programmu."
            ),
            "image_alt": "Abstrakts attēls: apļi uz violeta fona",
            "body": [
                paragraph(
                    "Projekta „Cilvēks: izmaiņu veicinātājs!” apmācību programmā sociālie "
                    "darbinieki apgūst sistēmisku psihosociālā darba pieeju darbā ar ģimenēm ar "
                    "bērniem: konsultēšanas prasmes, darbu ar ģimenes resursiem un refleksiju.",
                    "Pēc apmācībām pieeja tiks aprobēta praksē ar 48 sociālā riska ģimenēm.",
                ),
                figures(
                    "Apmācības",
                    [(14, "sociālie darbinieki"), (7, "partneru dienesti"), (48, "ģimenes")],
                ),
            ],
        },
        "en": {
            "tags": ["psychosocial work", "family support"],
            "slug": "psychosocial-systemic-training-begins",
            "title": "Training in psychosocial systemic social work begins",
            "lead": (
                "14 social workers from seven social services of Kurzeme and Zemgale start a "
                "training programme designed by experts."
            ),
            "image_alt": "Abstract picture: circles on a violet background",
            "body": [
                paragraph(
                    "In the training programme of the project “Human: an Agent of Change!”, social "
                    "workers learn a systemic psychosocial approach to work with families with "
                    "children: counselling skills, working with a family’s resources, and "
                    "reflection.",
                    "After the training, the approach will be tested in practice with 48 families "
                    "at social risk.",
                ),
                figures(
                    "Training", [(14, "social workers"), (7, "partner services"), (48, "families")]
                ),
            ],
        },
    },
    {
        "slug": "supervizijas-socialajiem-darbiniekiem",
        "date": datetime.date(2014, 4, 10),
        "categories": ["supervizijas"],
        "tags": ["supervīzija", "psihosociālais darbs"],
        "image": ("Supervīzijas", (20, 90, 110)),
        "lv": {
            "title": "Supervīzijas atbalsta sociālos darbiniekus praksē",
            "lead": (
                "Kamēr sociālie darbinieki aprobē jauno pieeju darbā ar ģimenēm, viņus regulāri "
                "atbalsta supervizori."
            ),
            "image_alt": "Abstrakts attēls: apļi uz tumši zila fona",
            "body": [
                paragraph(
                    "Prakses laikā katrs projekta sociālais darbinieks regulāri piedalās "
                    "supervīzijās. Tajās tiek pārrunāti gadījumi, atrasti ģimenes resursi un "
                    "mazināts profesionālās izdegšanas risks.",
                ),
                (
                    "quote",
                    {
                        "text": "Supervīzija palīdz ieraudzīt izmaiņas, ko ikdienā nepamanām.",
                        "attribution": "Projekta sociālā darbiniece",
                    },
                ),
            ],
        },
        "en": {
            "tags": ["supervision", "psychosocial work"],
            "slug": "supervision-for-social-workers",
            "title": "Supervision supports social workers in practice",
            "lead": (
                "While social workers test the new approach with families, supervisors support "
                "them regularly."
            ),
            "image_alt": "Abstract picture: circles on a dark blue background",
            "body": [
                paragraph(
                    "During the practice period every social worker in the project takes part in "
                    "regular supervision. Cases are discussed, the family’s resources are found, "
                    "and the risk of burnout is reduced.",
                ),
                (
                    "quote",
                    {
                        "text": "Supervision helps us see the changes we miss day to day.",
                        "attribution": "A social worker in the project",
                    },
                ),
            ],
        },
    },
    {
        "slug": "regionalie-seminari-par-projekta-rezultatiem",
        "date": datetime.date(2015, 3, 18),
        "categories": ["seminari"],
        "tags": ["semināri", "rokasgrāmata"],
        "image": ("Reģionālie semināri", (150, 92, 20)),
        "lv": {
            "title": "Reģionālie semināri iepazīstina ar projekta rezultātiem",
            "lead": (
                "Trīs reģionālos semināros 100 dalībnieki uzzina par sistēmisko psihosociālo "
                "pieeju un metodoloģijas rokasgrāmatu."
            ),
            "image_alt": "Abstrakts attēls: apļi uz oranža fona",
            "body": [
                paragraph(
                    "Projekta noslēgumā notiek trīs reģionāli prezentācijas semināri sociālo "
                    "pakalpojumu iestāžu speciālistiem un vadītājiem. Dalībnieki saņem "
                    "metodoloģijas rokasgrāmatu, kas izdota 200 eksemplāros.",
                ),
                figures(
                    "Semināri",
                    [(3, "semināri"), (100, "dalībnieki"), (200, "rokasgrāmatas eksemplāri")],
                ),
            ],
        },
        "en": {
            "tags": ["seminars", "handbook"],
            "slug": "regional-seminars-on-the-projects-results",
            "title": "Regional seminars present the project’s results",
            "lead": (
                "At three regional seminars, 100 participants learn about the systemic "
                "psychosocial approach and the methodology handbook."
            ),
            "image_alt": "Abstract picture: circles on an orange background",
            "body": [
                paragraph(
                    "At the end of the project, three regional seminars present the results to "
                    "specialists and heads of social service institutions. Participants receive "
                    "the methodology handbook, published in 200 copies.",
                ),
                figures(
                    "Seminars",
                    [(3, "seminars"), (100, "participants"), (200, "copies of the handbook")],
                ),
            ],
        },
    },
]


def build_categories() -> dict[str, BlogCategory]:
    latvian = Locale.objects.get(language_code="lv")
    english = Locale.objects.get(language_code="en")
    categories = {}
    for slug, (lv_name, en_name) in CATEGORIES.items():
        category = BlogCategory.objects.filter(locale=latvian, slug=slug).first()
        if category is None:
            category = BlogCategory.objects.create(locale=latvian, slug=slug, name=lv_name)
        if category.get_translation_or_none(english) is None:
            translation = category.copy_for_translation(english)
            translation.name, translation.slug = en_name, slugify(en_name)
            translation.save()
        categories[slug] = category
    return categories


def build_news(home: HomePage) -> BlogIndexPage:
    """The news index in both languages with the demo posts."""
    english = Locale.objects.get(language_code="en")
    index = ensure_child(home, BlogIndexPage, {**NEWS_INDEX["lv"], "show_in_menus": True})
    ensure_translation(index, english, NEWS_INDEX["en"])
    categories = build_categories()
    for post in POSTS:
        latvian = index.get_children().filter(slug=post["slug"]).specific().first()
        if latvian is None:
            image = demo_image(*post["image"])
            latvian = BlogPage(
                slug=post["slug"],
                date=post["date"],
                authors=post.get("authors", ""),
                title=post["lv"]["title"],
                lead=post["lv"]["lead"],
                body=post["lv"]["body"],
                hero_image=image,
                hero_alt=post["lv"]["image_alt"],
            )
            latvian.categories = [categories[slug] for slug in post["categories"]]
            latvian.tags.add(*post["tags"])
            index.add_child(instance=latvian)
            latvian.save_revision().publish()
        english_categories = [
            categories[slug].get_translation(english) for slug in post["categories"]
        ]
        translation = ensure_translation(
            latvian,
            english,
            {
                "slug": post["en"]["slug"],
                "title": post["en"]["title"],
                "lead": post["en"]["lead"],
                "body": post["en"]["body"],
                "hero_alt": post["en"]["image_alt"],
            },
            before_publish=lambda page, tags=post["en"]["tags"], chosen=english_categories: (
                page.categories.set(chosen),
                page.tags.set(tags),
            ),
        )
        redirect_latvian_slug(latvian, translation)
    return index
