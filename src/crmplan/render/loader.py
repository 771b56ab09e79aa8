"""The user's ``--templates`` folder, which no template can lead out of.

A brand pack is often shared between consultants, so a template in it must
not copy a local file into a deliverable: :class:`FolderLoader` resolves
every template path it is asked for (the top-level documents and whatever
they include, import or extend) and refuses, before reading a byte, one
whose real path leaves the folder, whether the template itself or a folder
above it is the symbolic link. The folder is resolved once, so a folder
given through a symbolic link is the folder it leads to.

A name in the folder that is there but is no template (a loop of links, a
link to nothing, a folder, a FIFO, a device, a file over the size limit) is
refused as well, never skipped: the built-in template must not stand in
silently for the user's own.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, TemplateError, TemplateNotFound
from jinja2.loaders import split_template_path

from crmplan.errors import os_reason
from crmplan.i18n import _
from crmplan.quoting import PATH_LIMIT, shown


class RefusedTemplate(TemplateError):
    """A name of the user's folder that crmplan does not read as a template."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = shown(str(path), PATH_LIMIT)


class TemplateOutsideFolder(RefusedTemplate):
    """A template of the user's folder is a link to a file outside it."""

    def __init__(self, name: str, target: str, folder: Path) -> None:
        super().__init__(_("the template '{name}' leads to {target}, outside the template "
                           "folder {folder}; it was not read").format(
            name=shown(name), target=shown(target, PATH_LIMIT),
            folder=shown(str(folder), PATH_LIMIT)), folder / name)


class UnreadableTemplate(RefusedTemplate):
    """A template of the user's folder is there but cannot be read as one."""


class FolderLoader(FileSystemLoader):
    """Templates of one folder, none of them reached through a link out of it."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.root = Path(os.path.realpath(folder))
        self.max_bytes = max_bytes

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0]).joinpath(*split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        real = self._resolved(template, path)
        return _read(real, path, template, self.max_bytes)

    def _resolved(self, template: str, path: Path) -> Path:
        """The real path of ``path``, which must be an existing file in the folder."""
        try:
            real = Path(os.path.realpath(path, strict=True))
        except FileNotFoundError:
            real = Path(os.path.realpath(path))
            if real.is_relative_to(self.root):
                raise UnreadableTemplate(_(
                    "the template '{name}' is a symbolic link to nothing: {target} does not "
                    "exist").format(name=shown(template),
                                    target=shown(str(real), PATH_LIMIT)), path) from None
        except OSError as exc:
            raise _unreadable(template, path, exc) from None
        if not real.is_relative_to(self.root):
            raise TemplateOutsideFolder(template, str(real), self.folder)
        return real


def _unreadable(template: str, path: Path, exc: OSError) -> UnreadableTemplate:
    if exc.errno == errno.ELOOP:
        return UnreadableTemplate(_("the template '{name}' is a loop of symbolic links; it "
                                    "was not read").format(name=shown(template)), path)
    return UnreadableTemplate(_("cannot read {path}: {reason}").format(
        path=shown(str(path), PATH_LIMIT), reason=os_reason(exc)), path)


def _read(real: Path, path: Path, template: str, limit: int
          ) -> tuple[str, str, Callable[[], bool]]:
    """The UTF-8 text of the regular file at ``real`` (a path without links), and a check
    that it is unchanged.

    The path was resolved before: a link put in its place since then is not
    followed. A FIFO or a device is told by its status before it is opened (and
    again once it is, without waiting), a file over ``limit`` bytes by its size.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        _check_file(real.stat(), template, path, limit)
        with os.fdopen(os.open(real, flags), "rb") as file:
            status = os.fstat(file.fileno())
            _check_file(status, template, path, limit)
            raw = file.read(limit + 1)
    except OSError as exc:
        raise _unreadable(template, path, exc) from None
    _check_size(len(raw), template, path, limit)

    def uptodate() -> bool:
        try:
            return real.stat().st_mtime == status.st_mtime
        except OSError:
            return False

    return _decoded(raw, template, path), str(path), uptodate


def _check_file(status: os.stat_result, template: str, path: Path, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableTemplate(_(
            "the template '{name}' is not a regular file (a folder, a pipe, a device or a "
            "socket); a template is a text file").format(name=shown(template)), path)
    _check_size(status.st_size, template, path, limit)


def _check_size(size: int, template: str, path: Path, limit: int) -> None:
    if size > limit:
        raise UnreadableTemplate(_(
            "the template '{name}' is too large ({size:,} bytes); a template is at most "
            "{limit:,} bytes; it was not read").format(
            name=shown(template), size=size, limit=limit), path)


def _decoded(raw: bytes, template: str, path: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise UnreadableTemplate(_(
            "the template '{name}' is not UTF-8 text (byte 0x{byte:02X} on line {line}); "
            "save it as UTF-8").format(name=shown(template), byte=raw[exc.start],
                                       line=line), path) from None
