"""Production: every secret and host comes from the environment.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS rather than run with
a guessable key or accept any Host header. Behind a proxy that terminates
TLS and sets X-Forwarded-Proto (docs/deployment.md);
`manage.py check --deploy --fail-level WARNING` is clean.
"""

import os
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

for _required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"Set the {_required} environment variable for production.")

DEBUG = False

# HTTPS: the proxy says which scheme the visitor used; plain HTTP is
# redirected (SECURE_SSL_REDIRECT=0 only for a local run on loopback), except
# the health check, which a load balancer may ask over plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# A year, subdomains too. The preload flag only allows a submission to the
# browsers' preload list; the operator decides whether to submit.
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Nothing may frame the site; Wagtail's preview views (same-origin iframes in
# the admin) override this with SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"

# Static files: whitenoise serves what `collectstatic` (the Procfile's release
# step) wrote with base.py's CompressedManifestStaticFilesStorage: compressed,
# content-hashed names cached by browsers for good.

# The page cache, its purge counters and the subscribe rate limit must be
# shared by every web process (WEB_CONCURRENCY > 1 needs CACHE_URL).
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "1"))  # noqa: F405
import website.deployment_checks  # noqa: E402, F401 (registers the check)

# Content Security Policy (django-csp), see website/content_security.py.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware"),  # noqa: F405
    "website.content_security.SiteCSPMiddleware",
)
_media_sources = [SELF]
if AWS_STORAGE_BUCKET_NAME:  # noqa: F405
    if AWS_S3_CUSTOM_DOMAIN:  # noqa: F405
        _media_sources.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")  # noqa: F405
    else:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL or "https://s3.amazonaws.com").netloc  # noqa: F405
        # Path-style (host/bucket/...) or virtual-hosted (bucket.host/...) URLs.
        _media_sources += [f"https://{_endpoint}", f"https://*.{_endpoint}"]
# Video embeds (the StreamField's embed block) play in the provider's frame.
_video_frames = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _media_sources,
        "media-src": _media_sources,
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": _video_frames,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*_media_sources, "data:", "blob:"],
        "frame-src": [SELF, *_video_frames],
        # Left to X-Frame-Options, which the preview views relax to SAMEORIGIN.
        "frame-ancestors": None,
    }
}

# Structured logs: one JSON object per line on stdout.
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"  # noqa: F405
# Celery workers keep this logging instead of installing their own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
