"""The exceptions a user-facing message is made from: the CLI turns them into one line on stderr
and exit status 2, the TUI into a notification."""


class UserError(Exception):
    """Bad input from the user: a path, a file, an option. The message is one line."""


class DocumentError(UserError):
    """A file that cannot be opened as a plan; the message is one line for the user."""
