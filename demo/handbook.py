"""The methodology handbook in HTML (issue 15, item 9), under "Dokumenti" beside its PDF.

The printed handbook is an image PDF (demo.documents draws it). Its chapters
here are written from what seed 000 says of the approach, its problems,
practice, supervision and the service models, shortly, in Latvian and
English. Creates only what is missing (see demo.tree).
"""

from home.models import ContentPage, HandbookChapterPage, HandbookPage

from .documents import demo_document, handbook_pdf
from .legal import h, p, ul
from .tree import ensure_child, ensure_translation, locales

HANDBOOK = {
    "lv": {
        "title": "Sistēmiskā psihosociālā pieeja darbā ar ģimenēm",
        "slug": "rokasgramata",
        "lead": (
            "Metodoloģijas rokasgrāmata sociālajiem darbiniekiem, lasāma nodaļās. Projekts "
            "„Cilvēks: izmaiņu veicinātājs!”, Nr. 2012.EEZ/PP/1/MEC/132, nodibinājums "
            "„C Modulis”, 2015."
        ),
        "body": [
            p(
                "Rokasgrāmata apkopo pieeju, ko projekts izstrādāja un septiņos Kurzemes un "
                "Zemgales sociālajos dienestos aprobēja darbā ar ģimenēm ar bērniem. Tā ir "
                "sociālajiem darbiniekiem un sociālo dienestu vadītājiem.",
                "Iespiestā rokasgrāmata izdota 200 eksemplāros. Šeit ir tās teksts; PDF datne ir "
                "tās iespiestā versija.",
            )
        ],
    },
    "en": {
        "title": "The systemic psychosocial approach to work with families",
        "slug": "handbook",
        "lead": (
            "The methodology handbook for social workers, to read chapter by chapter. Project "
            "“Human: an Agent of Change!”, No. 2012.EEZ/PP/1/MEC/132, foundation “C Modulis”, 2015."
        ),
        "body": [
            p(
                "The handbook sums up the approach the project developed and tested with "
                "families with children in seven social services of Kurzeme and Zemgale. It is "
                "for social workers and the heads of social services.",
                "The printed handbook was published in 200 copies. Its text is here; the PDF is "
                "the printed edition, in Latvian.",
            )
        ],
    },
}

CHAPTERS = [
    {
        "lv": {
            "title": "Kāpēc vajadzīga jauna pieeja",
            "slug": "kapec-jauna-pieeja",
            "body": [
                p(
                    "Apmācībās, praksē un supervīzijās sociālie darbinieki visbiežāk min vienas "
                    "un tās pašas grūtības darbā ar ģimenēm."
                ),
                ul(
                    "Darbs ar klientu notiek mehāniski un birokrātiski; klienta lieta kļūst par "
                    "atskaišu papīru.",
                    "Trūkst psihosociālās konsultēšanas prasmju un vienotas, loģiski "
                    "izskaidrojamas metodikas.",
                    "Psihosociālā darba rezultātus ir grūti izvērtēt.",
                    "Attieksme ir pamācoša un kontrolējoša, un vēlme pēc ātra rezultāta "
                    "neveiksmes gadījumā veicina izdegšanu.",
                ),
                p(
                    "Ģimenes ar bērniem, kas ir sociālā dienesta klienti, bieži jūtas bezspēcīgas, "
                    "neredz savus resursus un iespējas mainīties, izjūt vainu un nolemtību. Tām "
                    "ir atkarības, vardarbības, šķiršanās un naudas trūkuma sekas."
                ),
            ],
        },
        "en": {
            "title": "Why a new approach is needed",
            "slug": "why-a-new-approach",
            "body": [
                p(
                    "In training, in practice and in supervision, social workers name the same "
                    "difficulties in their work with families again and again."
                ),
                ul(
                    "Work with a client becomes mechanical and bureaucratic; the case file turns "
                    "into a report.",
                    "Psychosocial counselling skills are missing, and so is a shared, logically "
                    "explained method.",
                    "The results of psychosocial work are hard to assess.",
                    "The attitude is one of lecturing and control, and wanting quick results "
                    "leads to burnout when they do not come.",
                ),
                p(
                    "Families with children who are clients of a social service often feel "
                    "powerless, do not see their resources or their chances to change, and feel "
                    "guilt and doom. They live with the effects of addiction, violence, divorce "
                    "and lack of money."
                ),
            ],
        },
    },
    {
        "lv": {
            "title": "Pieejas pamati",
            "slug": "pieejas-pamati",
            "body": [
                p(
                    "Sistēmiskā pieeja skata ģimeni kā veselumu: klienta grūtības saprot viņa "
                    "attiecību un vides kontekstā.",
                    "Sociālais darbinieks kopā ar ģimeni meklē resursus un izmaiņu iespējas, nevis "
                    "tikai kontrolē un pamāca. Ģimene ir līdzdalībniece, ne tikai pakalpojuma "
                    "saņēmēja.",
                ),
                h("Trīs principi"),
                ul(
                    "Skatīt ģimeni kopumā, ne tikai vienu tās locekli.",
                    "Meklēt to, kas ģimenē jau darbojas, un balstīties uz to.",
                    "Mērķus izvirzīt kopā ar ģimeni un sasniegt tos maziem soļiem.",
                ),
            ],
        },
        "en": {
            "title": "The foundations of the approach",
            "slug": "foundations-of-the-approach",
            "body": [
                p(
                    "The systemic approach sees the family as a whole: a client’s difficulties are "
                    "understood in the context of their relationships and surroundings.",
                    "The social worker looks for resources and chances of change together with "
                    "the family, instead of only controlling and lecturing. The family takes "
                    "part; it does not only receive a service.",
                ),
                h("Three principles"),
                ul(
                    "See the family as a whole, not one of its members alone.",
                    "Look for what already works in the family and build on it.",
                    "Set goals together with the family and reach them in small steps.",
                ),
            ],
        },
    },
    {
        "lv": {
            "title": "Darbs praksē un supervīzija",
            "slug": "darbs-prakse-un-supervizija",
            "body": [
                p(
                    "Pieeja aprobēta septiņos Kurzemes un Zemgales sociālajos dienestos ar 48 "
                    "ģimenēm. Projektā apmācīti 14 sociālie darbinieki, kuri pieeju izmantoja "
                    "ilgstošā darbā ar ģimenēm.",
                    "Prakses laikā notika regulāras supervīzijas. Tās palīdz sociālajam "
                    "darbiniekam reflektēt par savu darbu, ieraudzīt procesu no malas un mazina "
                    "profesionālās izdegšanas risku.",
                ),
            ],
        },
        "en": {
            "title": "Practice and supervision",
            "slug": "practice-and-supervision",
            "body": [
                p(
                    "The approach was tested with 48 families in seven social services of Kurzeme "
                    "and Zemgale. The project trained 14 social workers, who used the approach in "
                    "longer-term work with families.",
                    "Regular supervision went with the practice. It helps a social worker reflect "
                    "on their work, see the process from outside, and lowers the risk of "
                    "burnout.",
                ),
            ],
        },
    },
    {
        "lv": {
            "title": "Pieeja sociālā dienesta ikdienā",
            "slug": "pieeja-ikdiena",
            "body": [
                p(
                    "Projekts izstrādāja psihosociālo pakalpojumu modeļus sociālajiem dienestiem. "
                    "Pēc projekta aprobētā prakse turpinās septiņās partneru organizācijās.",
                    "Trijos reģionālos semināros pieeja un rokasgrāmata iepazīstināta ar 100 "
                    "sociālo pakalpojumu speciālistiem, un par to runāts ar sociālo pakalpojumu "
                    "iestāžu vadītājiem un Labklājības ministriju.",
                ),
            ],
        },
        "en": {
            "title": "The approach in a social service’s daily work",
            "slug": "approach-in-daily-work",
            "body": [
                p(
                    "The project developed models of psychosocial services for social services. "
                    "After the project, the tested practice goes on in the seven partner "
                    "organisations.",
                    "Three regional seminars presented the approach and the handbook to 100 "
                    "social service professionals, and it was discussed with the heads of social "
                    "service institutions and the Ministry of Welfare.",
                ),
            ],
        },
    },
]


def build_handbook(documents: ContentPage) -> HandbookPage:
    """The handbook and its chapters in both languages, under the documents page."""
    _, english = locales()
    pdf = demo_document(
        "Metodoloģijas rokasgrāmata", "metodologijas-rokasgramata.pdf", handbook_pdf()
    )
    handbook = ensure_child(documents, HandbookPage, {**HANDBOOK["lv"], "document": pdf})
    ensure_translation(handbook, english, HANDBOOK["en"])
    for chapter in CHAPTERS:
        latvian = ensure_child(handbook, HandbookChapterPage, chapter["lv"])
        ensure_translation(latvian, english, chapter["en"])
    return handbook
