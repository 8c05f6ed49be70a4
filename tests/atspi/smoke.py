"""Walks the running Common Ground from outside through AT-SPI, as a screen reader on Linux does.

Usage: smoke.py PID (run by run.sh, inside a private D-Bus session with the accessibility bus).
Checks: the window's name, a list's value, a field's text, the wheel's notes and the map's links
by name, and one button pressed through AT-SPI. Prints each check; exits 1 if any failed.
"""

import sys
import warnings
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

# The Python bindings call the per-interface getters deprecated; they are what works on Debian 12.
warnings.filterwarnings("ignore", category=DeprecationWarning)

PID = int(sys.argv[1])
TITLE = "Community involvement"  # the start of the example workshop's title
DEADLINE = time.monotonic() + 40


failures = []


def fail(message):
    """Notes a failed check and goes on, so one run shows everything that is wrong."""
    print(f"FAIL: {message}")
    failures.append(message)


def passed(message):
    print(f"ok: {message}")


def walk(node, depth=0):
    """Every node under `node`, depth first (the tree is small: a few hundred nodes)."""
    yield node
    if depth > 40:
        return
    for index in range(node.get_child_count()):
        child = node.get_child_at_index(index)
        if child is not None:
            yield from walk(child, depth + 1)


def role(node):
    return node.get_role_name()


def wait_for(what, find):
    """Calls `find` until it returns something, or fails once the deadline has passed."""
    while time.monotonic() < DEADLINE:
        try:
            found = find()
        except gi.repository.GLib.Error:
            found = None
        if found:
            return found
        time.sleep(0.25)
    print(f"FAIL: {what}: not found within the time allowed")
    sys.exit(1)


def app_node():
    desktop = Atspi.get_desktop(0)
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_process_id() == PID:
            return app
    return None


def named(root, role_name, start):
    return [n for n in walk(root) if role(n) == role_name and (n.get_name() or "").startswith(start)]


app = wait_for("the app on the accessibility bus", app_node)
frame = wait_for("the app's window", lambda: app.get_child_count() > 0 and app.get_child_at_index(0))

# The window's contents are in the tree once the first frames are drawn.
wait_for("the window's contents", lambda: named(frame, "push button", "Note, "))
name = frame.get_name()
if name.startswith(f"Common Ground — {TITLE}"):
    passed(f"window: {name!r}")
else:
    fail(f"the window is called {name!r}, not after the workshop")

lists = wait_for("the projector theme list", lambda: named(frame, "combo box", "Projector theme"))
value = lists[0].get_description()
if value:
    passed(f"list: 'Projector theme' is {value!r}")
else:
    fail("the projector theme list says no value")

notes = wait_for("the wheel's notes", lambda: named(frame, "push button", "Note, "))
passed(f"wheel: {len(notes)} notes by name, e.g. {notes[0].get_name()!r}")

def press(name, exact=True):
    """Presses the widget called `name` (or whose name starts with it) through AT-SPI's Action
    interface, as a screen reader's user does; returns the node, or None (said as a failure)."""
    nodes = [n for n in walk(frame) if (n.get_name() or "") == name or (not exact and (n.get_name() or "").startswith(name))]
    if not nodes:
        fail(f"nothing called {name!r}")
        return None
    action = nodes[0].get_action_iface()
    if action is None or action.get_n_actions() == 0:
        fail(f"{name!r} offers no action")
        return None
    action.do_action(0)
    passed(f"pressed {name!r} through AT-SPI ({action.get_action_name(0)!r})")
    return nodes[0]


press("Workshop details")
fields = wait_for("the title field", lambda: named(frame, "entry", "Title"))
text = fields[0].get_text_iface()
typed = text.get_text(0, text.get_character_count()) if text is not None else ""
if typed.startswith(TITLE):
    passed(f"field: 'Title' holds {typed!r}")
else:
    fail(f"the title field says {typed!r}")


tab = press("Needs map")
if tab is not None and role(tab) != "page tab":
    fail(f"the Needs map tab is a {role(tab)!r}, not a page tab")

# The example's map has no link yet: make one as a keyboard or screen reader user does, by
# selecting the need and choosing a source of help from "Link to…".
time.sleep(0.5)
press("Need: ", exact=False)
time.sleep(0.3)
press("Link to… L")
time.sleep(0.5)
press("Peer support group", exact=False)

# A link has a widget of its own (its marker) once the map is zoomed in far enough to draw it.
links = []
for _ in range(6):
    time.sleep(0.5)
    links = named(frame, "push button", "Link from need")
    if links:
        break
    press("Zoom in Ctrl+=")
if not links:
    fail("the map's links: none found by name")
    sys.exit(1)
passed(f"map: {len(links)} links by name, e.g. {links[0].get_name()!r}")

# The projector window: eframe gives it no accessibility tree of its own, so the main window's
# tree names it.
press("Projector window F6", exact=False)
projector = wait_for(
    "the projector window",
    lambda: [n for n in walk(frame) if role(n) == "frame" and "— projector —" in (n.get_name() or "")],
)
passed(f"projector window: {projector[0].get_name()!r}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("every check passed")
