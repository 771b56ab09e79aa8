"""Reading, checking and editing plan files."""
