"""The user's ``--templates`` folder, which no template can lead out of.

A brand pack is often shared between consultants, so a template in it must
not copy a local file into a deliverable: :class:`FolderLoader` resolves
every template path it is asked for (the top-level documents and whatever
they include, import or extend) and refuses, before reading a byte, one
whose real path leaves the folder, whether the template itself or a folder
above it is the symbolic link. The folder is resolved once, so a folder
given through a symbolic link is the folder it leads to.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, TemplateError, TemplateNotFound
from jinja2.loaders import split_template_path

from crmplan.i18n import _


class TemplateOutsideFolder(TemplateError):
    """A template of the user's folder is a link to a file outside it."""

    def __init__(self, name: str, target: str, folder: Path) -> None:
        self.path = str(folder / name)
        super().__init__(_("the template '{name}' leads to {target}, outside the template "
                           "folder {folder}; it was not read").format(
            name=name, target=target, folder=folder))


class UnreadableTemplate(TemplateError):
    """A template of the user's folder exists but cannot be read."""


class FolderLoader(FileSystemLoader):
    """Templates of one folder, none of them reached through a link out of it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.root = Path(os.path.realpath(folder))

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0]).joinpath(*split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(self.root):
            raise TemplateOutsideFolder(template, str(real), self.folder)
        found = _read(real, path, self.encoding)
        if found is None:  # a folder, a FIFO or a link to nothing: not a template
            raise TemplateNotFound(template)
        return found


def _read(real: Path, shown: Path, encoding: str
          ) -> tuple[str, str, Callable[[], bool]] | None:
    """The regular file at ``real`` (a path without links) and a check that it is unchanged.

    The path was resolved before: a link put in its place since then is not
    followed, and a FIFO does not block.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(real, flags)
        with os.fdopen(descriptor, encoding=encoding) as file:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                return None
            contents = file.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableTemplate(_("cannot read {path}: {reason}").format(
            path=shown, reason=exc.strerror or exc)) from None

    def uptodate() -> bool:
        try:
            return real.stat().st_mtime == status.st_mtime
        except OSError:
            return False

    return contents, str(shown), uptodate
