"""The newsletter's models, by subject; every name is importable from here as before.

- audience: subscribers, organisations, lists, consent records, suppressions, imports
- issues: the archive page and the issue pages
- dispatch: sends of an issue, the lists each claimed, deliveries, tracking events
"""

from .audience import (
    LANGUAGES,
    ConsentRecord,
    ImportJob,
    MailingList,
    Organisation,
    Subscriber,
    SubscriberQuerySet,
    Suppression,
    new_link_secret,
    normalise_email,
)
from .dispatch import (
    STALLED_AFTER,
    Delivery,
    DeliveryQuerySet,
    Dispatch,
    DispatchQuerySet,
    IssueSentToList,
    IssueSentToListQuerySet,
    TrackingEvent,
)
from .issues import NewsletterIndexPage, NewsletterIssuePage, NewsletterIssueQuerySet

__all__ = [
    "LANGUAGES",
    "STALLED_AFTER",
    "ConsentRecord",
    "Delivery",
    "DeliveryQuerySet",
    "Dispatch",
    "DispatchQuerySet",
    "ImportJob",
    "IssueSentToList",
    "IssueSentToListQuerySet",
    "MailingList",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "NewsletterIssueQuerySet",
    "Organisation",
    "Subscriber",
    "SubscriberQuerySet",
    "Suppression",
    "TrackingEvent",
    "new_link_secret",
    "normalise_email",
]
