"""The work of each command, one module per command: ``crmplan baseline record`` is
:mod:`crmplan.commands.baseline_record`, the default command of a group bears the group's
name (``crmplan baseline`` is :mod:`crmplan.commands.baseline`).

Every module has the same entry point, ``run(path, *, fmt, lang, ...) -> int``:
the plan (or folder, or files) it works on, the output format (``"text"`` for
a command without ``--format``), ``--lang`` as given (None when it was not;
:mod:`crmplan.plan.language` decides the language), then the command's own
options, already converted; it returns the exit code. A command calls the
core, prints through :mod:`crmplan.output` and raises crmplan's exceptions;
:mod:`crmplan.cli` turns those into messages and exit codes.
"""
