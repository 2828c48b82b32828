import sys
import time

from django.core.management.base import BaseCommand, CommandError, no_translations

from newsletter import reports, sending, tasks
from newsletter.models import Dispatch, MailingList, NewsletterIssuePage
from newsletter.rendering import RenderingError

BAR_WIDTH = 40


class Command(BaseCommand):
    help = (
        "Send an e-bulletin issue (page id, or its Latvian slug) to a list, "
        "or a test copy to one address."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("issue")
        parser.add_argument("--list", dest="list_slug", help="default: the default list")
        parser.add_argument("--test-to", dest="test_to", help="send one test copy here")
        parser.add_argument("--language", default="lv", help="language of the test copy")
        parser.add_argument("--wait", action="store_true", help="show progress until finished")

    # The refusals are translated for the admin; a command speaks English.
    @no_translations
    def handle(self, *args, issue: str, list_slug, test_to, language, wait: bool, **options):
        page = self.find_issue(issue)
        try:
            if test_to:
                sending.send_test(sending.issue_version(page, language), test_to)
                self.stdout.write(f"Test copy sent to {test_to}.")
                return
            mailing_list = (
                MailingList.objects.filter(slug=list_slug).first()
                if list_slug
                else MailingList.default()
            )
            if mailing_list is None:
                raise CommandError(f"There is no list “{list_slug}”.")
            dispatch = sending.create_dispatch(page, [mailing_list])
        except (sending.SendRefused, RenderingError) as error:
            raise CommandError(str(error)) from error
        total = dispatch.deliveries.count()
        self.stdout.write(f"Dispatch {dispatch.pk}: {total} recipients on “{mailing_list}”.")
        tasks.start(dispatch)
        if wait:
            self.wait_for(dispatch)

    def find_issue(self, issue: str) -> NewsletterIssuePage:
        pages = NewsletterIssuePage.objects.all()
        page = (
            pages.filter(pk=int(issue)).first()
            if issue.isdigit()
            else pages.filter(slug=issue, locale__language_code="lv").first()
        )
        if page is None:
            raise CommandError(f"No e-bulletin issue “{issue}” (give its page id or Latvian slug).")
        return page

    def wait_for(self, dispatch: Dispatch) -> None:
        while True:
            dispatch.refresh_from_db()
            progress = reports.progress(dispatch)
            filled = BAR_WIDTH * progress.percent // 100
            sys.stdout.write(
                f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {progress.done}/{progress.total}"
            )
            sys.stdout.flush()
            if dispatch.state in (Dispatch.State.FINISHED, Dispatch.State.CANCELLED):
                break
            time.sleep(0.5)
        sys.stdout.write("\n")
        self.stdout.write(
            f"Finished: {progress.by_state['sent']} sent, {progress.by_state['failed']} failed "
            f"(dispatch {dispatch.pk}, {dispatch.state})."
        )
