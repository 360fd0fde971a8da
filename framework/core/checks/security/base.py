"""Deployment checks of the security settings: HSTS, SSL, SECRET_KEY, DEBUG, hosts, frames."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error, Warning
from framework.core.checks.registry import Tags, register
from framework.core.exceptions import ImproperlyConfigured

SECURITY_MIDDLEWARE = "framework.middleware.security.SecurityMiddleware"
XFRAME_MIDDLEWARE = "framework.middleware.clickjacking.XFrameOptionsMiddleware"

REFERRER_POLICY_VALUES = {
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
}
CROSS_ORIGIN_OPENER_POLICY_VALUES = {"same-origin", "same-origin-allow-popups", "unsafe-none"}

# startproject marks its generated key with this prefix so that it can be told apart.
SECRET_KEY_INSECURE_PREFIX = "framework-insecure-"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5

SECRET_KEY_WARNING_MSG = (
    f"Your %s has less than {SECRET_KEY_MIN_LENGTH} characters, less than "
    f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} unique characters, or it's prefixed with "
    f"'{SECRET_KEY_INSECURE_PREFIX}' indicating that it was generated automatically by "
    f"startproject. Please generate a long and random value, otherwise many of the "
    f"framework's security-critical features will be vulnerable to attack."
)

W001 = Warning(
    f"You do not have {SECURITY_MIDDLEWARE!r} in your MIDDLEWARE so the SECURE_HSTS_SECONDS, "
    "SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, "
    "and SECURE_SSL_REDIRECT settings will have no effect.",
    id="security.W001",
)
W002 = Warning(
    f"You do not have {XFRAME_MIDDLEWARE!r} in your MIDDLEWARE, so your pages will not be "
    "served with an 'x-frame-options' header. Unless there is a good reason for your site to "
    "be served in a frame, you should consider enabling this header to help prevent "
    "clickjacking attacks.",
    id="security.W002",
)
W004 = Warning(
    "You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is "
    "served only over SSL, you may want to consider setting a value and enabling HTTP Strict "
    "Transport Security. Be sure to read the documentation first; enabling HSTS carelessly "
    "can cause serious, irreversible problems.",
    id="security.W004",
)
W005 = Warning(
    "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your "
    "site is potentially vulnerable to attack via an insecure connection to a subdomain. Only "
    "set this to True if you are certain that all subdomains of your domain should be served "
    "exclusively via SSL.",
    id="security.W005",
)
W006 = Warning(
    "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be "
    "served with an 'X-Content-Type-Options: nosniff' header. You should consider enabling "
    "this header to prevent the browser from identifying content types incorrectly.",
    id="security.W006",
)
W008 = Warning(
    "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available "
    "over both SSL and non-SSL connections, you may want to either set this setting True or "
    "configure a load balancer or reverse-proxy server to redirect all connections to HTTPS.",
    id="security.W008",
)
W009 = Warning(SECRET_KEY_WARNING_MSG % "SECRET_KEY", id="security.W009")
W018 = Warning("You should not have DEBUG set to True in deployment.", id="security.W018")
W019 = Warning(
    f"You have {XFRAME_MIDDLEWARE!r} in your MIDDLEWARE, but X_FRAME_OPTIONS is not set to "
    "'DENY'. Unless there is a good reason for your site to serve other parts of itself in a "
    "frame, you should change it to 'DENY'.",
    id="security.W019",
)
W020 = Warning("ALLOWED_HOSTS must not be empty in deployment.", id="security.W020")
W021 = Warning(
    "You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot "
    "be submitted to the browser preload list.",
    id="security.W021",
)
W022 = Warning(
    "You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not "
    "send a Referrer-Policy header. You should consider enabling this header to protect user "
    "privacy.",
    id="security.W022",
)
E023 = Error(
    "You have set the SECURE_REFERRER_POLICY setting to an invalid value.",
    hint=f"Valid values are: {', '.join(sorted(REFERRER_POLICY_VALUES))}.",
    id="security.E023",
)
E024 = Error(
    "You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid value.",
    hint=f"Valid values are: {', '.join(sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES))}.",
    id="security.E024",
)


def _security_middleware() -> bool:
    return SECURITY_MIDDLEWARE in settings.MIDDLEWARE


def _xframe_middleware() -> bool:
    return XFRAME_MIDDLEWARE in settings.MIDDLEWARE


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W001: SecurityMiddleware is installed."""
    return [] if _security_middleware() else [W001]


@register(Tags.security, deploy=True)
def check_xframe_options_middleware(app_configs: Any = None, **kwargs: Any) -> list:
    """security.W002: XFrameOptionsMiddleware is installed."""
    return [] if _xframe_middleware() else [W002]


@register(Tags.security, deploy=True)
def check_sts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W004: HSTS is on."""
    return [W004] if _security_middleware() and not settings.SECURE_HSTS_SECONDS else []


@register(Tags.security, deploy=True)
def check_sts_include_subdomains(app_configs: Any = None, **kwargs: Any) -> list:
    """security.W005: HSTS covers subdomains."""
    passed = (
        not _security_middleware()
        or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    )
    return [] if passed else [W005]


@register(Tags.security, deploy=True)
def check_sts_preload(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W021: HSTS preload is on."""
    passed = (
        not _security_middleware()
        or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_PRELOAD is True
    )
    return [] if passed else [W021]


@register(Tags.security, deploy=True)
def check_content_type_nosniff(app_configs: Any = None, **kwargs: Any) -> list:
    """security.W006: X-Content-Type-Options: nosniff is sent."""
    passed = not _security_middleware() or settings.SECURE_CONTENT_TYPE_NOSNIFF is True
    return [] if passed else [W006]


@register(Tags.security, deploy=True)
def check_ssl_redirect(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W008: plain HTTP is redirected to HTTPS."""
    passed = not _security_middleware() or settings.SECURE_SSL_REDIRECT is True
    return [] if passed else [W008]


def _secret_key_is_strong(secret_key: Any) -> bool:
    return (
        isinstance(secret_key, (str, bytes))
        and len(set(secret_key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and len(secret_key) >= SECRET_KEY_MIN_LENGTH
        and not str(secret_key).startswith(SECRET_KEY_INSECURE_PREFIX)
    )


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W009: SECRET_KEY is long, varied and not the generated placeholder."""
    try:
        secret_key = settings.SECRET_KEY
    except (ImproperlyConfigured, AttributeError):
        return [W009]
    return [] if _secret_key_is_strong(secret_key) else [W009]


@register(Tags.security, deploy=True)
def check_secret_key_fallbacks(app_configs: Any = None, **kwargs: Any) -> list:
    """security.W025: each SECRET_KEY_FALLBACKS entry is strong."""
    fallbacks = getattr(settings, "SECRET_KEY_FALLBACKS", [])
    return [
        Warning(SECRET_KEY_WARNING_MSG % f"SECRET_KEY_FALLBACKS[{index}]", id="security.W025")
        for index, key in enumerate(fallbacks)
        if not _secret_key_is_strong(key)
    ]


@register(Tags.security, deploy=True)
def check_debug(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W018: DEBUG is off."""
    return [W018] if settings.DEBUG else []


@register(Tags.security, deploy=True)
def check_xframe_deny(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W019: X_FRAME_OPTIONS is 'DENY'."""
    passed = not _xframe_middleware() or settings.X_FRAME_OPTIONS == "DENY"
    return [] if passed else [W019]


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W020: ALLOWED_HOSTS is not empty."""
    return [] if settings.ALLOWED_HOSTS else [W020]


@register(Tags.security, deploy=True)
def check_referrer_policy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W022/E023: a valid Referrer-Policy is set."""
    if not _security_middleware():
        return []
    policy = settings.SECURE_REFERRER_POLICY
    if policy is None:
        return [W022]
    values = {v.strip() for v in policy.split(",")} if isinstance(policy, str) else set(policy)
    return [] if values <= REFERRER_POLICY_VALUES else [E023]


@register(Tags.security, deploy=True)
def check_cross_origin_opener_policy(app_configs: Any = None, **kwargs: Any) -> list:
    """security.E024: SECURE_CROSS_ORIGIN_OPENER_POLICY is a valid value."""
    policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if (
        _security_middleware()
        and policy is not None
        and policy not in CROSS_ORIGIN_OPENER_POLICY_VALUES
    ):
        return [E024]
    return []
