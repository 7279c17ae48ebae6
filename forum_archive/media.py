"""Media files for development, with byte ranges.

Browsers seek only within media they can fetch in parts, so the demo audio
needs Range support, which django.views.static.serve lacks. Production serves
media from a web server or object storage instead (see README, Deploying).
"""

import re

from django.http import HttpResponse
from django.views.static import serve

_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


def serve_media(request, path, document_root):
    response = serve(request, path, document_root=document_root)
    response["Accept-Ranges"] = "bytes"
    wanted = _RANGE.match(request.headers.get("Range", ""))
    if not wanted or response.status_code != 200:
        return response
    body = b"".join(response.streaming_content)
    start = int(wanted.group(1))
    end = min(int(wanted.group(2) or len(body) - 1), len(body) - 1)
    if start > end:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{len(body)}"
        return refused
    partial = HttpResponse(body[start : end + 1], status=206, content_type=response["Content-Type"])
    partial["Content-Range"] = f"bytes {start}-{end}/{len(body)}"
    partial["Accept-Ranges"] = "bytes"
    return partial
