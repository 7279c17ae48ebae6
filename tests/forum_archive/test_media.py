"""Development media (the demo audio) answer byte ranges, so the player can seek."""

from django.test import RequestFactory

from forum_archive.media import serve_media


def test_a_range_request_gets_just_those_bytes(tmp_path):
    (tmp_path / "clip.wav").write_bytes(bytes(range(256)) * 4)
    request = RequestFactory().get("/media/clip.wav", HTTP_RANGE="bytes=10-19")
    response = serve_media(request, "clip.wav", document_root=str(tmp_path))
    assert response.status_code == 206
    assert response.content == bytes(range(10, 20))
    assert response["Content-Range"] == "bytes 10-19/1024"


def test_an_open_ended_range_runs_to_the_end_and_a_plain_request_gets_everything(tmp_path):
    (tmp_path / "clip.wav").write_bytes(b"0123456789")
    ranged = serve_media(
        RequestFactory().get("/", HTTP_RANGE="bytes=7-"), "clip.wav", document_root=str(tmp_path)
    )
    assert ranged.content == b"789"
    whole = serve_media(RequestFactory().get("/"), "clip.wav", document_root=str(tmp_path))
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"


def test_a_range_past_the_end_is_refused(tmp_path):
    (tmp_path / "clip.wav").write_bytes(b"0123456789")
    response = serve_media(
        RequestFactory().get("/", HTTP_RANGE="bytes=50-60"), "clip.wav", document_root=str(tmp_path)
    )
    assert response.status_code == 416
