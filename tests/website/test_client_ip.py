"""core.client_ip: believe X-Forwarded-For only as far as our own proxies reach."""

from django.test import RequestFactory, override_settings

from core.client_ip import client_ip

PROXY = "127.0.0.1"  # the proxy on the same machine, as the Procfile expects


def request(remote_addr: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxies_the_header_is_ignored():
    assert client_ip(request("198.51.100.7", "192.0.2.1")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_the_last_entry_is_the_client():
    # The visitor forged the first entry; our proxy appended the real address.
    assert client_ip(request(PROXY, "192.0.2.1, 198.51.100.7")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_cdn_and_proxy_the_second_from_the_right():
    chain = "192.0.2.1, 198.51.100.7, 203.0.113.50"  # forged, client, CDN edge
    assert client_ip(request(PROXY, chain)) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_chain_shorter_than_the_proxies_falls_back_to_the_connection():
    assert client_ip(request(PROXY, "198.51.100.7")) == PROXY
    assert client_ip(request(PROXY)) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_malformed_entry_falls_back_to_the_connection():
    assert client_ip(request(PROXY, "<script>")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_ipv6_addresses_are_normalised():
    assert client_ip(request(PROXY, "2001:DB8:0:0::1")) == "2001:db8::1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_connection_past_the_proxy_cannot_choose_its_address():
    # gunicorn reached directly from the internet, with a forged header.
    assert client_ip(request("198.51.100.7", "192.0.2.1")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_ADDRESSES=["10.0.0.0/24", "fd00::1"])
def test_proxies_on_other_machines_are_named_by_address_or_network():
    assert client_ip(request("10.0.0.2", "198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("fd00::1", "198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("10.0.1.2", "198.51.100.7")) == "10.0.1.2"
