"""Content-hashed file names and the manifest (``ManifestStaticFilesStorage``'s machinery).

``HashedFilesMixin.post_process`` gives every collected file a copy named
``name.<12 hex>.ext`` and rewrites ``url()``/``@import`` (CSS) and ``sourceMappingURL``
(CSS, JS) references to those names; ``ManifestFilesMixin`` records the mapping in
``staticfiles.json`` so that ``url()`` is a dict lookup at run time.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.files.base import ContentFile

from .utils import matches_patterns

__all__ = ["HashedFilesMixin", "ManifestFilesMixin"]

_URL_RE = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>[^'")]*?)(?P=quote)\s*\)""", re.I)
_IMPORT_RE = re.compile(r"""@import\s*(?P<quote>['"])(?P<url>.*?)(?P=quote)""", re.I)
_CSS_MAP_RE = re.compile(r"(?m)^/\*#[ \t]sourceMappingURL=(?P<url>[^\s*]+)[ \t]*\*/$")
_JS_MAP_RE = re.compile(r"(?m)^//#[ \t]sourceMappingURL=(?P<url>\S+)[ \t]*$")
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class HashedFilesMixin:
    """Post-process collected files into content-hashed copies with rewritten references."""

    # (glob, [(regex, references inside comments count?)]) - a regex names its group "url".
    patterns: tuple[tuple[str, tuple[tuple[re.Pattern, bool], ...]], ...] = (
        ("*.css", ((_URL_RE, False), (_IMPORT_RE, False), (_CSS_MAP_RE, True))),
        ("*.js", ((_JS_MAP_RE, True),)),
    )
    max_post_process_passes = 5
    keep_intact_files = True

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.hashed_files: dict[str, str] = {}

    # -- names ---------------------------------------------------------------------------

    def file_hash(self, name: str | None, content: Any = None) -> str | None:
        """The first 12 hex digits of the MD5 of ``content`` (None without content)."""
        if content is None:
            return None
        hasher = hashlib.md5(usedforsecurity=False)
        for chunk in content.chunks():
            hasher.update(chunk.encode() if isinstance(chunk, str) else chunk)
        return hasher.hexdigest()[:12]

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        """``name`` with the hash of its content before the extension (query/fragment kept).

        Raises ValueError naming the file when it does not exist in this storage.
        """
        parsed = urlsplit(unquote(name))
        clean = parsed.path.strip()
        filename = (filename and urlsplit(unquote(filename)).path.strip()) or clean
        opened = content is None
        if opened:
            if not self.exists(filename):  # type: ignore[attr-defined]
                raise ValueError(f"The file {filename!r} could not be found with {self!r}.")
            try:
                content = self.open(filename)  # type: ignore[attr-defined]
            except OSError as exc:
                raise ValueError(
                    f"The file {filename!r} could not be opened with {self!r}: {exc}"
                ) from exc
        try:
            file_hash = self.file_hash(clean, content)
        finally:
            if opened:
                content.close()
        path, base = posixpath.split(clean)
        root, ext = posixpath.splitext(base)
        hashed = f"{root}.{file_hash}{ext}" if file_hash else f"{root}{ext}"
        unparsed = list(parsed)
        unparsed[2] = posixpath.join(path, hashed)
        # "?#" ends some IE font URLs; urlunsplit would drop the empty query.
        if "?#" in name and not unparsed[3]:
            unparsed[2] += "?"
        return urlunsplit(unparsed)

    def clean_name(self, name: str) -> str:
        """``name`` with forward slashes."""
        return name.replace("\\", "/")

    def hash_key(self, name: str) -> str:
        """The key of ``name`` in ``hashed_files``."""
        return name

    def stored_name(self, name: str) -> str:
        """The hashed name ``name`` is stored under (computed from the file)."""
        parsed = urlsplit(unquote(name))
        clean = self.clean_name(parsed.path.strip())
        cache_name = self.hashed_files.get(self.hash_key(clean))
        if cache_name is None:
            cache_name = self.clean_name(self.hashed_name(name))
        return self._with_query(name, cache_name)

    def _with_query(self, name: str, stored: str) -> str:
        parsed = list(urlsplit(unquote(name)))
        parsed[2] = urlsplit(stored).path
        result = urlunsplit(parsed)
        if "?#" in name and not parsed[3]:
            result = result.replace("#", "?#", 1)
        return result

    def url(self, name: str | None, force: bool = False) -> str:
        """The URL of ``name``: hashed unless DEBUG is on (``force`` hashes anyway)."""
        if settings.DEBUG and not force:
            hashed, fragment = name, ""
        else:
            clean, fragment = urldefrag(name or "")
            if urlsplit(clean).path.endswith("/"):
                hashed = name
                fragment = ""
            else:
                hashed = self.stored_name(clean)
        final = super().url(hashed)  # type: ignore[misc]
        query_fragment = "?#" in (name or "")
        if fragment or query_fragment:
            parts = list(urlsplit(final))
            if fragment and not parts[4]:
                parts[4] = fragment
            if query_fragment and not parts[3]:
                parts[2] += "?"
            final = urlunsplit(parts)
        return unquote(final)

    # -- post-processing -----------------------------------------------------------------

    def post_process(
        self, paths: dict[str, tuple[Any, str]], dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str | None, Any]]:
        """Hash every collected file; yield ``(name, hashed name, processed)``.

        ``paths`` maps each collected name to its (source storage, source path). A
        failure is yielded as the third item (an Exception); references that never
        settle (import cycles) yield ``("All", None, RuntimeError)``.
        """
        if dry_run:
            return
        self.hashed_files = {}
        adjustable = sorted(
            name for name in paths if any(matches_patterns(name, (g,)) for g, _ in self.patterns)
        )
        adjustable_set = set(adjustable)
        for name in sorted(paths):
            if name in adjustable_set:
                continue
            try:
                hashed = self._store_hashed_copy(name)
            except ValueError as exc:
                yield name, None, exc
                return
            yield name, hashed, True

        # Adjustable files reference each other: rehash until no name changes any more.
        sources: dict[str, str] = {}
        for name in adjustable:
            with self.open(name) as handle:  # type: ignore[attr-defined]
                sources[name] = handle.read().decode()
            self.hashed_files[self.hash_key(name)] = self.clean_name(
                self.hashed_name(name, ContentFile(sources[name].encode()))
            )
        processed: dict[str, str] = {}
        for _ in range(self.max_post_process_passes):
            changed = False
            for name in adjustable:
                try:
                    content = self._rewrite(name, sources[name])
                except ValueError as exc:
                    yield name, None, self._make_helpful_exception(exc, name)
                    return
                hashed = self.clean_name(self.hashed_name(name, ContentFile(content.encode())))
                if self.hashed_files[self.hash_key(name)] != hashed:
                    self.hashed_files[self.hash_key(name)] = hashed
                    changed = True
                processed[name] = content
            if not changed:
                break
        else:
            yield "All", None, RuntimeError("Max post-process passes exceeded.")
            return
        for name in adjustable:
            hashed = self.hashed_files[self.hash_key(name)]
            if self.exists(hashed):  # type: ignore[attr-defined]
                self.delete(hashed)  # type: ignore[attr-defined]
            self._save(hashed, ContentFile(processed[name].encode()))  # type: ignore[attr-defined]
            yield name, hashed, True

    def _store_hashed_copy(self, name: str) -> str:
        with self.open(name) as original:  # type: ignore[attr-defined]
            hashed = self.clean_name(self.hashed_name(name, original))
            if not self.exists(hashed):  # type: ignore[attr-defined]
                original.seek(0)
                self._save(hashed, original)  # type: ignore[attr-defined]
        self.hashed_files[self.hash_key(name)] = hashed
        return hashed

    def _rewrite(self, name: str, content: str) -> str:
        """``content`` with each reference replaced by the referenced file's hashed name."""
        for glob, regexes in self.patterns:
            if not matches_patterns(name, (glob,)):
                continue
            for regex, in_comments in regexes:
                comments = () if in_comments else _comment_spans(content)
                content = regex.sub(
                    lambda match, c=comments: self._convert(name, match, c), content
                )
        return content

    def _convert(self, name: str, match: re.Match, comments: Any) -> str:
        matched = match.group(0)
        url = match.group("url")
        if any(start <= match.start() < end for start, end in comments):
            return matched
        # Data URIs, other schemes, protocol-relative and fragment-only URLs stay.
        if not url or _SCHEME_RE.match(url) or url.startswith(("//", "#")):
            return matched
        static_url = str(settings.STATIC_URL or "/")
        if not static_url.startswith("/") and "://" not in static_url:
            static_url = "/" + static_url
        if url.startswith("/") and not url.startswith(static_url):
            return matched
        url_path, fragment = urldefrag(url)
        if not url_path:
            return matched
        if url_path.startswith("/"):
            target = url_path.removeprefix(static_url)
        else:
            source_dir = posixpath.dirname(name.replace(os.sep, "/"))
            target = posixpath.normpath(posixpath.join(source_dir, url_path))
            if target.startswith("../") or target == "..":
                raise ValueError(
                    f"The file {target!r} could not be found with {self!r} (it lies above "
                    f"the static root)."
                )
        parsed_target = urlsplit(unquote(target))
        hashed = self.hashed_files.get(self.hash_key(self.clean_name(parsed_target.path)))
        if hashed is None:
            hashed = self.clean_name(self.hashed_name(unquote(target)))
        else:
            hashed = self._with_query(unquote(target), hashed)
        # Keep the reference's own form (relative stays relative): swap the last segment.
        new_url = "/".join(url_path.split("/")[:-1] + hashed.split("/")[-1:])
        if "?#" in url and "?" not in new_url:
            new_url += "?"
        if fragment:
            new_url += "#" + fragment
        start, end = match.span("url")
        offset = match.start()
        return matched[: start - offset] + new_url + matched[end - offset :]

    def _make_helpful_exception(self, exc: Exception, name: str) -> Exception:
        message = str(exc)
        found = re.match(r"^The file '(.+)' could not be found", message)
        if found:
            return ValueError(
                f"The file {name!r} references a file which could not be found: "
                f"{found.group(1)!r}.\n\n{message}\n\nCheck the URL references in {name!r}, "
                f"especially relative paths that may point to the wrong location."
            )
        return exc


def _comment_spans(content: str) -> list[tuple[int, int]]:
    if "/*" not in content:
        return []
    return [match.span() for match in _CSS_COMMENT_RE.finditer(content)]


class ManifestFilesMixin(HashedFilesMixin):
    """Keep the name -> hashed name mapping in a JSON manifest (``staticfiles.json``)."""

    manifest_version = "1.1"
    manifest_name = "staticfiles.json"
    manifest_strict = True
    keep_intact_files = True

    def __init__(self, *args: Any, manifest_storage: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Another storage may hold the manifest (e.g. when the files go to a CDN).
        self.manifest_storage = self if manifest_storage is None else manifest_storage
        self.manifest_hash = ""
        self._manifest_loaded = False
        self._stored_names: dict[str, str] = {}
        self._urls: dict[str, str] = {}

    def _ensure_manifest(self) -> None:
        # Loaded on first use, not at import: STATIC_ROOT may be unset until then.
        if not self._manifest_loaded:
            self._manifest_loaded = True
            self.hashed_files, self.manifest_hash = self.load_manifest()

    def read_manifest(self) -> str | None:
        """The manifest's text, or None when there is none yet."""
        try:
            with self.manifest_storage.open(self.manifest_name) as manifest:
                return manifest.read().decode()
        except FileNotFoundError:
            return None
        except ImproperlyConfigured:
            # No STATIC_ROOT yet: nothing collected, so no manifest.
            return None

    def load_manifest(self) -> tuple[dict[str, str], str]:
        """``(paths, hash)`` from the manifest; ``({}, "")`` when there is none."""
        content = self.read_manifest()
        if content is None:
            return {}, ""
        try:
            stored = json.loads(content)
        except json.JSONDecodeError:
            pass
        else:
            version = stored.get("version") if isinstance(stored, dict) else None
            if version in ("1.0", "1.1"):
                return stored.get("paths", {}), stored.get("hash", "")
        raise ValueError(
            f"Couldn't load manifest {self.manifest_name!r} (version {self.manifest_version}); "
            f"run collectstatic again to rebuild it."
        )

    def post_process(self, *args: Any, **kwargs: Any) -> Iterator[tuple[str, str | None, Any]]:
        """Hash the files (see HashedFilesMixin), then write the manifest."""
        if kwargs.get("dry_run"):
            return
        self.hashed_files = {}
        self._manifest_loaded = True
        self._stored_names = {}
        self._urls = {}
        yield from super().post_process(*args, **kwargs)
        self.save_manifest()

    def save_manifest(self) -> None:
        """Write ``staticfiles.json``: ``{"paths": ..., "version": "1.1", "hash": ...}``."""
        listing = json.dumps(sorted(self.hashed_files.items())).encode()
        self.manifest_hash = self.file_hash(None, ContentFile(listing)) or ""
        payload = {
            "paths": self.hashed_files,
            "version": self.manifest_version,
            "hash": self.manifest_hash,
        }
        if self.manifest_storage.exists(self.manifest_name):
            self.manifest_storage.delete(self.manifest_name)
        contents = json.dumps(payload, indent=2, sort_keys=True).encode()
        self.manifest_storage._save(self.manifest_name, ContentFile(contents))

    def stored_name(self, name: str) -> str:
        """The hashed name from the manifest; ValueError for a missing entry when strict."""
        # Templates ask for the same few names on every render: remember the answers.
        try:
            return self._stored_names[name]
        except KeyError:
            pass
        stored = self._stored_name(name)
        self._stored_names[name] = stored
        return stored

    def url(self, name: str | None, force: bool = False) -> str:
        """The hashed URL of ``name`` (see HashedFilesMixin.url), remembered per name."""
        if force or settings.DEBUG or name is None:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            pass
        url = super().url(name, force)
        base_url = self.base_url  # type: ignore[attr-defined]
        # A relative STATIC_URL depends on the request's script prefix: not cacheable.
        if base_url and (base_url.startswith("/") or "://" in base_url):
            self._urls[name] = url
        return url

    def _stored_name(self, name: str) -> str:
        self._ensure_manifest()
        parsed = urlsplit(unquote(name))
        clean = self.clean_name(parsed.path.strip())
        cache_name = self.hashed_files.get(self.hash_key(clean))
        if cache_name is None:
            if self.manifest_strict:
                raise ValueError(
                    f"Missing staticfiles manifest entry for {clean!r}; run collectstatic "
                    f"(and check the file exists in STATICFILES_DIRS or an app's static/)."
                )
            cache_name = self.clean_name(self.hashed_name(name))
        return self._with_query(name, cache_name)
