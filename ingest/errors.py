"""The one error a parser raises: a file that cannot be indexed, with a reason a person reads."""


class ParseError(Exception):
    """A supported file that could not be read; str(err) is the reason shown to the user."""
