"""One module per command: converts options, calls the core, prints through crmplan.output."""
