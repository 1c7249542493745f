"""The scene as one self-contained, interactive HTML page: `backmap export -f html`.

The page's style and script are ours, kept beside this module (map.css; tree.js, the layout;
map.js, the rest) and inlined, so the file opens from disk or a wiki attachment with no
network. The map travels as JSON in a `<script type="application/json">` block that the script
reads and puts into the page as text, never as markup. A Content-Security-Policy lets only that
one script and style run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from html import escape
from importlib.resources import files

from backmap.render.html.data import payload
from backmap.render.scene import Scene

_SLOT = re.compile(r"\{\{(\w+)\}\}")
# Inside a script block only `</script`, `<!--` and `<script` are special; with every `<`, `>`
# and `&` written as a JSON escape, no title can end the block or open a comment.


@cache
def _asset(name: str) -> str:
    return (files(__package__) / name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def data_json(scene: Scene) -> str:
    """The map as JSON that is safe inside a script block."""
    text = json.dumps(payload(scene), ensure_ascii=False, separators=(",", ":"))
    # str.replace runs in C at memory speed; str.translate takes a third of a second on 2 MB.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_html(scene: Scene) -> str:
    """The whole page; the same scene gives the same text."""
    css, script = _asset("map.css"), _asset("tree.js") + _asset("map.js")
    policy = (
        f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    slots = {
        "title": escape(scene.title),
        "policy": escape(policy),
        "css": css,
        "data": data_json(scene),
        "script": script,
    }
    # One pass over the template: what a slot brings in is never scanned for slots itself.
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("map.html"))
