"""Reading a Content-Security-Policy header in tests: directives in any order."""


def directives(header: str) -> dict[str, str]:
    """{"script-src": "'self'", ...} from "script-src 'self'; ..."."""
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )
