"""The visitor's IP address, as far as the site's own proxies vouch for it.

Behind a proxy every request comes from the proxy's address, and the
``X-Forwarded-For`` header carries the chain of addresses before it. Anyone
can send that header, so only the entries the site's own proxies appended
are believed: each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address
that connected to it, so the client is that many places from the right.

The header is believed only from a connection that came from one of the
proxies (``TRUSTED_PROXY_ADDRESSES``, loopback by default, where the
Procfile's gunicorn listens): anyone who reaches gunicorn directly, past the
proxy, would otherwise choose their own address and so escape the login
throttle and the subscribe limit and write any address into a consent record.

Used by the login throttle (``AXES_CLIENT_IP_CALLABLE``) and by anything
that records where a request came from (the newsletter's consent records).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the trusted ``X-Forwarded-For`` entry.

    With ``TRUSTED_PROXY_COUNT`` = 0 (no proxy), or on a connection that did
    not come from a trusted proxy's address, the header is ignored. When it
    holds fewer entries than there are trusted proxies, or a malformed one,
    the request did not come through the whole chain and the address that
    actually connected is the only one known.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0 or not _from_trusted_proxy(remote_addr):
        return remote_addr
    chain = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(chain) < proxies:
        return remote_addr
    candidate = chain[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def _from_trusted_proxy(remote_addr: str) -> bool:
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXY_ADDRESSES
    )
