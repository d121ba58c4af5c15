"""Host pages on another origin that embed the questionnaire, and what a reader does in
them: real mouse clicks at an element's place on screen (page.mouse), which, unlike
locator.click(), never scroll the host page themselves, so a host page that moves was
moved by the embed. The fixtures `host` and `open_host` are in conftest.py."""

from __future__ import annotations

import itertools

from conftest import SITE_URL, serve
from gates import embed_snippet
from steps import next_frames, visible_step, wait_for_step

VIEWPORT = {"width": 1000, "height": 1400}
FORGED_HEIGHT = 77
_names = itertools.count()


class Host:
    """Host pages in a folder served from a second origin."""

    def __init__(self, folder, site_url: str):
        self.folder, self.site_url = folder, site_url
        self.url, self.server = serve(folder)

    def page(self, body: str) -> str:
        """A tall host page with body between a header and a long footer."""
        name = f"host-{next(_names)}.html"
        (self.folder / name).write_text(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Forum</title>"
            "<link rel='icon' href='data:,'></head><body style='margin:0'><div style='height:300px'>A forum post</div>"
            f"{body}<div style='height:3000px'>More posts</div></body></html>",
            encoding="utf-8")
        return f"{self.url}/{name}"

    def snippet(self, site_dir, query: str = "", attributes: str = "") -> str:
        """The documented snippet, pointed at the local site."""
        code = embed_snippet(site_dir).replace(SITE_URL, self.site_url + "/")
        code = code.replace('/embed/"', f'/embed/{query}"', 1)
        return code.replace("<iframe ", f"<iframe {attributes} ", 1) if attributes else code


def frame_of(page, index: int = 0):
    frame = page.locator("iframe").nth(index).element_handle().content_frame()
    frame.wait_for_load_state()
    return frame


def fits(frame) -> None:
    """Wait until the frame's height is its content's: no inner scrollbar, no gap."""
    frame.wait_for_function("""() => {
        const root = document.documentElement;
        const content = Math.ceil(root.getBoundingClientRect().height);
        return root.scrollHeight <= root.clientHeight && root.clientHeight - content <= 1;
    }""")


def frame_height(page, index: int = 0) -> float:
    return page.locator("iframe").nth(index).bounding_box()["height"]


def click(page, locator) -> None:
    """A person's click where the element is on screen (it must be in view), once it
    holds still: a frame that has just loaded a step's page (a sandboxed frame loads
    one per step) may still be resized by the host, which can move the page under it."""
    box, before = locator.bounding_box(), None
    while box != before:
        next_frames(page)
        before, box = box, locator.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORT["height"], \
        "the element is on screen"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def answer(page, frame, label: str) -> None:
    link = frame.locator("section.pq-step:visible").get_by_role("link", name=label, exact=True)
    click(page, link)


def walk(page, frame, path) -> list[float]:
    """Answer along path; the frame's height after each step. Before each answer the
    host page is scrolled so that the step's heading is off screen, above: had the
    embed scrolled a heading into view (focus() without preventScroll, a fragment
    jump), the host page would move, and the walk fails."""
    heights = []
    for question_id, given in path:
        assert visible_step(frame) == question_id
        heading = frame.locator("section.pq-step:visible .pq-title").bounding_box()
        page.evaluate(f"window.scrollBy(0, {heading['y'] + heading['height'] + 4})")
        scrolled = page.evaluate("window.scrollY")
        answer(page, frame, given.label)
        wait_for_step(frame, given.next)
        fits(frame)
        assert page.evaluate("window.scrollY") == scrolled, "the host page moved"
        heights.append(frame_height(page))
    return heights
