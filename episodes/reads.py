"""Statements written out by hand (where the ORM's building them costs a page more Python
than PostgreSQL's answer) read where the ORM's would: ``router.db_for_read``, so an
anonymous GET reads from a replica (forum_archive.db_router) and the rest from the
primary."""

from django.db import connections, router


def reading_connection(model):
    """The connection a hand-written read of ``model``'s rows (and those it joins) uses."""
    return connections[router.db_for_read(model)]


def id_array(ids):
    """A list of ids as a statement's ``%s::bigint[]`` parameter: the array's text, e.g.
    ``{3,1,2}``. A Python list is made into the array literal by psycopg in Python, element
    by element (~0.3 ms for a search window's 300 transcripts, twice when the statement
    names it twice); one string is quoted once."""
    return "{" + ",".join(map(str, ids)) + "}"
