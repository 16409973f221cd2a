"""Feeds and pages by URL, from a server on 127.0.0.1 started by the test,
and the refusal of private addresses. No test reaches beyond 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main
from etl.inputs import InputError
from etl.inputs import web
from tests.etl.inputs.conftest import Served
from tests.etl.inputs.helpers import INPUT_CASES, countries_by_article, read_all

RSS = INPUT_CASES.joinpath("world.rss").read_bytes()
ATOM = INPUT_CASES.joinpath("world.atom").read_bytes()
PAGE = INPUT_CASES.joinpath("page.html").read_bytes()


@pytest.mark.parametrize(
    ("ip", "kind"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.9", "private"),
     ("172.20.0.1", "private"), ("169.254.169.254", "link-local"), ("fe80::1%eth0", "link-local"),
     ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "private"), ("100.64.0.1", "non-global"),
     ("224.0.0.1", "multicast"), ("8.8.8.8", None), ("2606:4700::1111", None)],
)
def test_address_kind(ip: str, kind: str | None) -> None:
    assert web.address_kind(ip) == kind


def test_loopback_url_is_refused_without_the_flag(served: Served, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    served.routes["/feed"] = ("application/rss+xml", RSS)
    with pytest.raises(InputError, match=r"refused, 127\.0\.0\.1 resolves to 127\.0\.0\.1, a loopback address; use --allow-private-urls"):
        web.fetch(served.url("/feed"))
    assert main(["build", "--input", served.url("/feed"), "--out", str(tmp_path / "out")]) == 2
    assert "refused" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_connection_to_a_private_address_is_refused_even_if_dns_changed(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first check passes (as if DNS said 'public'), the connect-time check still refuses."""
    served.routes["/feed"] = ("application/rss+xml", RSS)
    monkeypatch.setattr(web, "check_host", lambda url, allow_private: None)
    with pytest.raises(InputError, match=r"refused, connected to 127\.0\.0\.1, a loopback address"):
        web.fetch(served.url("/feed"))


def test_rss_feed_by_url(served: Served, tmp_path: Path) -> None:
    served.routes["/world.rss"] = ("application/rss+xml; charset=utf-8", RSS)
    main(["build", "--input", served.url("/world.rss"), "--out", str(tmp_path / "out"), "--quiet", "--allow-private-urls"])
    assert countries_by_article(tmp_path / "out") == {"rss-japan-india": ["IND", "JPN"], "rss-kenya": ["KEN", "UGA"]}


def test_feed_with_an_unhelpful_content_type_is_known_by_feedparser(served: Served) -> None:
    served.routes["/download"] = ("application/octet-stream", ATOM)
    articles, problems = read_all(served.url("/download"), allow_private=True)
    assert [a.article_id for a in articles] == ["urn:example:atom-chile", "urn:example:atom-norway"]
    assert problems == []


def test_page_by_url_is_one_article_named_by_its_url(served: Served) -> None:
    served.routes["/brasilia"] = ("text/html; charset=utf-8", PAGE)
    (article,), problems = read_all(served.url("/brasilia"), allow_private=True)
    assert (article.article_id, article.url, article.title) == (served.url("/brasilia"), served.url("/brasilia"), "Ministers meet in Brasilia")
    assert article.text.startswith("Brazil and Mexico") and problems == []


def test_page_served_without_a_content_type_is_still_a_page(served: Served) -> None:
    served.routes["/x"] = ("application/octet-stream", PAGE)
    (article,), _ = read_all(served.url("/x"), allow_private=True)
    assert article.title == "Ministers meet in Brasilia"


def test_plain_text_by_url(served: Served) -> None:
    served.routes["/note.txt"] = ("text/plain", b"Brief\nNepal and India met.")
    (article,), _ = read_all(served.url("/note.txt"), allow_private=True)
    assert (article.title, article.text) == ("Brief", "Nepal and India met.")


def test_feed_with_no_items_by_url(served: Served) -> None:
    served.routes["/empty"] = ("application/rss+xml", INPUT_CASES.joinpath("empty.rss").read_bytes())
    articles, problems = read_all(served.url("/empty"), allow_private=True)
    assert articles == [] and [str(p) for p in problems] == [f"{served.url('/empty')}: feed has no items"]


def test_redirects_are_followed_but_never_to_another_scheme(served: Served) -> None:
    served.routes["/new"] = ("application/rss+xml", RSS)
    served.redirects["/old"] = served.url("/new")
    served.redirects["/sneaky"] = "file:///etc/passwd"
    articles, _ = read_all(served.url("/old"), allow_private=True)
    assert len(articles) == 2
    with pytest.raises(InputError, match=r"HTTP 302"):
        web.fetch(served.url("/sneaky"), allow_private=True)


def test_http_error_is_named(served: Served) -> None:
    with pytest.raises(InputError, match=r"/missing: HTTP 404 Not Found"):
        web.fetch(served.url("/missing"), allow_private=True)


def test_unreachable_url_is_a_clear_error(served: Served) -> None:
    closed = served.base.rsplit(":", 1)[0] + ":1/feed"  # port 1: nothing listens there
    with pytest.raises(InputError, match=r":1/feed: connection refused \(is the server running\?\)"):
        web.fetch(closed, allow_private=True)


def test_a_server_that_does_not_answer_times_out(served: Served) -> None:
    served.routes["/slow"] = ("text/html", PAGE)
    served.slow.add("/slow")
    served.delay = 2.0
    with pytest.raises(InputError, match=r"/slow: no answer within 0\.5 s \(timeout\)"):
        web.fetch(served.url("/slow"), allow_private=True, timeout=0.5)


def test_an_oversized_response_is_not_read(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    served.routes["/big"] = ("text/html", PAGE)
    monkeypatch.setattr(web, "MAX_FETCH_BYTES", 100)
    with pytest.raises(InputError, match=r"/big: response is over 100 bytes, not read"):
        web.fetch(served.url("/big"), allow_private=True)


def test_unresolvable_host_and_bad_url(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise web.socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(web.socket, "getaddrinfo", no_dns)
    with pytest.raises(InputError, match=r"cannot resolve host 'news\.invalid'"):
        web.fetch("https://news.invalid/feed")
    with pytest.raises(InputError, match=r"invalid port"):
        web.fetch("http://127.0.0.1:99999/")
