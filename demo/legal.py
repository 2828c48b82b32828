"""The accessibility statement, the privacy and cookie page and the feedback
form they point to, in Latvian and English (COMPLIANCE.md sections 3 and 4)."""

import datetime

from wagtail.models import Page, Site

from home.models import (
    AccessibilityStatement,
    ContentPage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
)

from .tree import ensure_child, ensure_translation, locales

STATEMENT_DATE = datetime.date(2026, 11, 22)
# Who answers for the statement (names read the same in both languages).
STATEMENT = {
    "prepared_by": "Ilze Žagare",
    "prepared_on": STATEMENT_DATE,
    "reviewed_by": "Jānis Kalniņš",
    "reviewed_on": datetime.date(2026, 11, 25),
    "approved_by": "Nodibinājuma „C Modulis” valde",
    "approved_on": datetime.date(2026, 11, 27),
    "last_review_on": datetime.date(2026, 11, 27),
    "answer_days": 10,
}


def h(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def p(*paragraphs: str) -> tuple[str, str]:
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def ul(*items: str) -> tuple[str, str]:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


ACCESSIBILITY = {
    "lv": {
        "title": "Piekļūstamības paziņojums",
        "slug": "pieklustamibas-pazinojums",
        "lead": "Nodibinājums „C Modulis” vēlas, lai šo tīmekļvietni var lietot ikviens, arī cilvēki ar redzes, dzirdes, kustību vai izziņas traucējumiem.",
        "body": [
            h("Uz ko attiecas paziņojums"),
            p(
                "Paziņojums attiecas uz projekta „Cilvēks: izmaiņu veicinātājs!” tīmekļvietni latviešu un angļu valodā. Tas sagatavots saskaņā ar Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 „Kārtība, kādā iestādes ievieto informāciju internetā” un standartu LVS EN 301 549 (WCAG 2.1 A un AA līmenis)."
            ),
            h("Kā tika vērtēta piekļūstamība"),
            p(
                "Tīmekļvietni novērtēja tās izstrādātāji (pašnovērtējums). Katras lapas veida abas valodu versijas ar rīku axe automātiski pārbauda pēc katras izmaiņas; pārbaudīta arī lietošana ar tastatūru, 200 % teksta palielinājums un šaurs ekrāns."
            ),
            h("Cik piekļūstama ir šī tīmekļvietne?"),
            p(
                "Tīmekļvietne <b>daļēji atbilst</b> noteikumu Nr. 445 un standarta LVS EN 301 549 prasībām."
            ),
            h("Neatbilstības un to iemesli"),
            ul(
                "Metodoloģijas rokasgrāmatas PDF datne satur teksta attēlus bez teksta slāņa, tāpēc ekrāna lasītājs to nevar nolasīt. Rokasgrāmatas teksts ir publicēts arī kā tīmekļa lapas (sadaļā „Dokumenti”), un citā formātā to nosūtām pēc pieprasījuma.",
                "Manuāla pārbaude ar ekrāna lasītājiem vēl nav veikta visām lapām.",
            ),
            h("Piekļūstamības alternatīvas"),
            p(
                'Ja kāds saturs jums nav pieejams, rakstiet uz <a href="mailto:info@example.org">info@example.org</a> vai zvaniet +371 20 000 000 darba dienās: sagatavosim informāciju jums piemērotā veidā.'
            ),
            h("Atsauksmēm un saziņai"),
            p(
                'Ziņojiet par piekļūstamības trūkumiem ar <a href="#feedback-page">atsauksmju veidlapu</a> vai uz <a href="mailto:info@example.org">info@example.org</a>; ar veidlapu varat arī lūgt saturu citā formātā. Piekļūstamības uzraudzību veic arī Valsts digitālās attīstības aģentūra.'
            ),
            # Answer time, complaint route, who prepared, reviewed and approved
            # it: home.accessibility.AccessibilityStatement (STATEMENT below).
        ],
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "lead": "The foundation “C Modulis” wants everyone to be able to use this website, including people with visual, hearing, motor or cognitive impairments.",
        "body": [
            h("Scope"),
            p(
                "This statement covers the website of the project “Human: an Agent of Change!” in Latvian and English. It follows Cabinet Regulation No. 445 of 14 July 2020 on how institutions publish information on the internet, and the standard LVS EN 301 549 (WCAG 2.1 levels A and AA)."
            ),
            h("How accessibility was assessed"),
            p(
                "The website was assessed by its developers (self-assessment). Both language versions of every page type are checked automatically with axe after every change; keyboard use, 200 % text size and narrow screens were also checked."
            ),
            h("How accessible is this website?"),
            p(
                "The website <b>partially conforms</b> with Regulation No. 445 and the standard LVS EN 301 549."
            ),
            h("Non-conformities and why"),
            ul(
                "The methodology handbook PDF contains images of text without a text layer, so a screen reader cannot read it. The text of the handbook is also published as web pages (under “Documents”), and we send it in another format on request.",
                "Not all pages have yet been checked manually with screen readers.",
            ),
            h("Accessible alternatives"),
            p(
                'If some content is not accessible to you, write to <a href="mailto:info@example.org">info@example.org</a> or call +371 20 000 000 on working days: we will provide the information in a form that suits you.'
            ),
            h("Feedback and contact"),
            p(
                'Report accessibility problems with the <a href="#feedback-page">feedback form</a> or to <a href="mailto:info@example.org">info@example.org</a>; the form is also the way to ask for content in another format. The State Digital Development Agency (VDAA) also monitors accessibility.'
            ),
        ],
    },
}

PRIVACY = {
    "lv": {
        "title": "Privātuma politika",
        "slug": "privatuma-politika",
        "lead": "Kā apstrādājam jūsu personas datus un kādas sīkdatnes izmanto šī tīmekļvietne.",
        "body": [
            h("Pārzinis"),
            p(
                'Personas datu pārzinis ir nodibinājums „C Modulis”, Rīga, Latvija; e-pasts <a href="mailto:info@example.org">info@example.org</a>.'
            ),
            h("Kādus datus, kādam nolūkam un uz kāda pamata"),
            ul(
                "<b>E-apkārtraksts</b>: e-pasta adrese, pēc izvēles vārds, organizācija un valoda – lai sūtītu projekta e-apkārtrakstu. Pamats: jūsu piekrišana (VDAR 6. panta 1. punkta a) apakšpunkts); partneru organizāciju darba kontaktiem – leģitīmās intereses (f) apakšpunkts).",
                "<b>Piekrišanas pierādījums</b>: laiks, avots, piekrišanas teksta versija un IP adrese – lai pierādītu, ka piekrišana dota. Pamats: juridisks pienākums un leģitīmās intereses.",
                "<b>Sarakste</b>: ja rakstāt mums, jūsu vēstule un kontaktinformācija – lai atbildētu.",
                "<b>Pieteikšanās pasākumiem</b>: vārds, uzvārds, e-pasta adrese, pēc izvēles organizācija un īpašās vajadzības, kā arī atzīmes par dalību katrā nodarbībā – lai rezervētu jums vietu, sūtītu ziņas par pasākumu, izsniegtu apliecību un atskaitītos finansētājam. Pamats: jūsu pieteikuma izpilde (VDAR 6. panta 1. punkta b) apakšpunkts) un finansētāja noteiktais pienākums uzskaitīt dalībniekus (c) apakšpunkts). Vajadzības norādāt pēc savas izvēles, un tās izmantojam tikai pasākuma organizēšanai.",
            ),
            h("Saņēmēji un nodošana ārpus ES"),
            p(
                "E-apkārtrakstu izsūta e-pasta pakalpojumu sniedzējs, kas datus apstrādā mūsu uzdevumā. Datus nenododam ārpus Eiropas Ekonomikas zonas; ja pakalpojumu sniedzējs to darītu, tikai ar Eiropas Komisijas standartlīguma klauzulām."
            ),
            h("Cik ilgi glabājam"),
            p(
                "Kamēr esat e-apkārtraksta abonents. Neapstiprinātus pieteikumus dzēšam pēc 30 dienām. Pēc atteikšanās paturam tikai adresi atteikumu sarakstā, lai jums vairs nesūtītu, un piekrišanas ierakstu pierādīšanai. Ziņas, kas sūtītas ar atsauksmju veidlapu, dzēšam pēc 12 mēnešiem."
            ),
            p(
                "Pieteikumus pasākumiem un atzīmes par dalību glabājam piecus gadus pēc pasākuma pēdējās nodarbības, jo finansētāju pārbaudēs jāuzrāda dalībnieku saraksti; pēc tam vārdu, uzvārdu, e-pasta adresi un vajadzības dzēšam un paliek tikai skaitļi. Norādītās vajadzības dzēšam jau 30 dienas pēc pasākuma."
            ),
            h("Jūsu tiesības"),
            p(
                "Jums ir tiesības piekļūt saviem datiem, tos labot, dzēst, ierobežot apstrādi, iebilst pret apstrādi un saņemt savus datus pārnesamā formātā. Piekrišanu varat atsaukt jebkurā brīdī ar saiti „Atteikties” katrā e-apkārtrakstā. Sūdzību varat iesniegt Datu valsts inspekcijai (www.dvi.gov.lv)."
            ),
            p("Datu sniegšana ir brīvprātīga; bez e-pasta adreses e-apkārtrakstu nevaram nosūtīt."),
            h("Sīkdatnes"),
            p(
                "Tīmekļvietne neizmanto analītikas vai reklāmas sīkdatnes, tāpēc piekrišana sīkdatnēm nav jāprasa. Tiek izmantotas tikai nepieciešamās sīkdatnes:"
            ),
            (
                "table",
                {
                    "data": [
                        ["Nosaukums", "Nolūks", "Glabāšanas ilgums"],
                        ["csrftoken", "Aizsargā veidlapas pret viltotiem pieprasījumiem", "1 gads"],
                        [
                            "sessionid",
                            "Uztur redaktoru pieteikšanos administrācijas sadaļā",
                            "2 nedēļas",
                        ],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Nepieciešamās sīkdatnes",
                },
            ),
            p(
                "Izvēlētais teksta lielums tiek saglabāts tikai jūsu pārlūkā (localStorage) un netiek sūtīts uz serveri. Valoda ir redzama adresē (/lv/ vai /en/), tai sīkdatne netiek izmantota."
            ),
        ],
    },
    "en": {
        "title": "Privacy policy",
        "slug": "privacy",
        "lead": "How we process your personal data and which cookies this website uses.",
        "body": [
            h("Controller"),
            p(
                'The controller of personal data is the foundation “C Modulis”, Riga, Latvia; e-mail <a href="mailto:info@example.org">info@example.org</a>.'
            ),
            h("What data, for what purpose and on what basis"),
            ul(
                "<b>E-bulletin</b>: e-mail address and, if you give them, name, organisation and language – to send the project’s e-bulletin. Basis: your consent (GDPR Article 6(1)(a)); for partner organisations’ work contacts, legitimate interests (Article 6(1)(f)).",
                "<b>Proof of consent</b>: time, source, version of the consent wording and IP address – to show that consent was given. Basis: legal obligation and legitimate interests.",
                "<b>Correspondence</b>: if you write to us, your message and contact details – to answer you.",
                "<b>Event registrations</b>: name, e-mail address and, if you give them, organisation and needs, and whether you attended each session – to keep your seat, send you news of the event, issue your certificate and report to the funder. Basis: carrying out your registration (GDPR Article 6(1)(b)) and the funder’s rule that participants be accounted for (Article 6(1)(c)). Giving your needs is up to you; we use them only to organise the event.",
            ),
            h("Recipients and transfers outside the EU"),
            p(
                "The e-bulletin is sent by an e-mail service provider that processes the data on our behalf. We do not transfer data outside the European Economic Area; if the provider did, only under the European Commission’s standard contractual clauses."
            ),
            h("How long we keep data"),
            p(
                "For as long as you subscribe. Unconfirmed subscriptions are deleted after 30 days. After you unsubscribe we keep only your address on a suppression list, so that we do not mail you again, and the consent record as proof. Messages sent with the feedback form are deleted after 12 months."
            ),
            p(
                "Event registrations and attendance marks are kept for five years after the event’s last session, because funders’ audits ask to see the lists of participants; then the name, e-mail address and needs are deleted and only the figures remain. Needs you described are deleted 30 days after the event."
            ),
            h("Your rights"),
            p(
                "You have the right to access, rectify and erase your data, to restrict or object to its processing, and to data portability. You may withdraw consent at any time with the “Unsubscribe” link in every e-bulletin. You may complain to the Data State Inspectorate (Datu valsts inspekcija, www.dvi.gov.lv)."
            ),
            p(
                "Giving your data is voluntary; without an e-mail address we cannot send you the e-bulletin."
            ),
            h("Cookies"),
            p(
                "This website uses no analytics or advertising cookies, so no cookie consent is asked. Only strictly necessary cookies are used:"
            ),
            (
                "table",
                {
                    "data": [
                        ["Name", "Purpose", "Lifetime"],
                        ["csrftoken", "Protects forms against forged requests", "1 year"],
                        ["sessionid", "Keeps editors signed in to the admin", "2 weeks"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Strictly necessary cookies",
                },
            ),
            p(
                "The text size you choose is kept only in your browser (localStorage) and never sent to the server. The language is in the address (/lv/ or /en/); no cookie is used for it."
            ),
        ],
    },
}


FEEDBACK = {
    "lv": {
        "title": "Atsauksmes",
        "slug": "atsauksmes",
        "intro": "<p>Pastāstiet, kas šajā tīmekļvietnē nav piekļūstams vai nav saprotams, vai palūdziet saturu citā formātā (piemēram, rokasgrāmatu lielā drukā). Atbildēsim 10 darba dienu laikā.</p>",
        "thank_you_text": "<p>Paldies! Jūsu ziņa ir saņemta. Ja norādījāt e-pastu, atbildēsim 10 darba dienu laikā.</p>",
        "subject": "Atsauksme no tīmekļvietnes",
        "fields": [
            ("Ziņa", "multiline", True),
            ("Vārds, uzvārds", "singleline", False),
            ("E-pasts atbildei", "email", False),
        ],
    },
    "en": {
        "title": "Feedback",
        "slug": "feedback",
        "intro": "<p>Tell us what on this website is not accessible or not clear, or ask for content in another format (the handbook in large print, for example). We answer within 10 working days.</p>",
        "thank_you_text": "<p>Thank you: your message has reached us. If you gave an e-mail address, we will answer within 10 working days.</p>",
        "subject": "Feedback from the website",
        "fields": [
            ("Message", "multiline", True),
            ("Name", "singleline", False),
            ("E-mail for the answer", "email", False),
        ],
    },
}


def feedback_page_fields(texts: dict) -> dict:
    fields = {key: value for key, value in texts.items() if key != "fields"}
    fields["to_address"] = "info@example.org"
    fields["form_fields"] = [
        FeedbackFormField(sort_order=order, label=label, field_type=kind, required=required)
        for order, (label, kind, required) in enumerate(texts["fields"])
    ]
    return fields


def link_feedback_page(texts: dict, feedback: Page) -> dict:
    """The legal texts name the feedback form as "#feedback-page": link the real page."""
    body = [
        (kind, value.replace('href="#feedback-page"', f'linktype="page" id="{feedback.pk}"'))
        if isinstance(value, str)
        else (kind, value)
        for kind, value in texts["body"]
    ]
    return {**texts, "body": body}


def build_legal_pages(home: HomePage) -> tuple[Page, Page]:
    """The feedback form, then the accessibility statement and the privacy page."""
    _, english = locales()
    feedback = ensure_child(home, FeedbackFormPage, feedback_page_fields(FEEDBACK["lv"]))
    feedback_en = ensure_translation(feedback, english, feedback_page_fields(FEEDBACK["en"]))
    pages = []
    for texts in (ACCESSIBILITY, PRIVACY):
        page = ensure_child(home, ContentPage, link_feedback_page(texts["lv"], feedback))
        ensure_translation(page, english, link_feedback_page(texts["en"], feedback_en))
        pages.append(page)
    return pages[0], pages[1]


def build_statement_facts() -> None:
    """Who prepared, reviewed and approved the statement, unless staff have filled it in."""
    facts = AccessibilityStatement.for_site(Site.objects.get(is_default_site=True))
    if not facts.prepared_by:
        for name, value in STATEMENT.items():
            setattr(facts, name, value)
        facts.save()
