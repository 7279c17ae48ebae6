"""How the API pages its lists: numbered pages for the catalogue, cursors for the long ones."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class CataloguePagination(PageNumberPagination):
    """Shows, episodes, speakers, topics: ?page=N, 50 a page (page_size up to 100)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class ParagraphCursorPagination(CursorPagination):
    """An episode's paragraphs in transcript order, 200 a page, by an opaque cursor."""

    ordering = ("position",)
    page_size = 200
    page_size_query_param = "page_size"
    max_page_size = 1000
