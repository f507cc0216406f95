#!/usr/bin/python3
"""Drive a running headless LibreOffice over UNO one step at a time, as a user of Calc would,
so that a test can interleave the steps with crashes and waits.

Usage: session.py PORT STEP WORKBOOK [TEXT]
  open WORKBOOK        open it (hidden) and leave it open
  save WORKBOOK TEXT   in the open workbook, set A1 of the first sheet to TEXT and save
  close WORKBOOK       close the open workbook (after its own save; unsaved edits are dropped)
Prints one JSON line: {"lock": true|false} (whether .~lock.<name># exists after the step).
Runs with Debian's /usr/bin/python3, which is where python3-uno installs the `uno` module.
"""
import json
import os
import sys
import time

import uno

from office import connect
from com.sun.star.beans import PropertyValue


def find_open(desktop, url):
    components = desktop.getComponents().createEnumeration()
    while components.hasMoreElements():
        doc = components.nextElement()
        if hasattr(doc, "getURL") and doc.getURL() == url:
            return doc
    raise SystemExit(f"{url} is not open in LibreOffice")


def main():
    port, step, path = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    ctx = connect(port)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    url = uno.systemPathToFileUrl(path)
    if step == "open":
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (hidden,))
        if doc is None or doc.isReadonly():
            raise SystemExit(f"LibreOffice opened {path} read-only")
    elif step == "save":
        doc = find_open(desktop, url)
        doc.Sheets.getByIndex(0).getCellByPosition(0, 0).setString(sys.argv[4])
        doc.store()  # keeps the file's own format
    elif step == "close":
        find_open(desktop, url).close(True)
    else:
        raise SystemExit(f"unknown step {step}")
    folder, name = os.path.split(path)
    lock = os.path.join(folder, f".~lock.{name}#")
    if step == "close":
        deadline = time.time() + 10
        while os.path.exists(lock) and time.time() < deadline:
            time.sleep(0.05)
    print(json.dumps({"lock": os.path.exists(lock)}))


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # Skip the interpreter's teardown: tearing down the UNO bridge at exit sometimes aborts
    # ("free(): invalid pointer") after the work is done.
    os._exit(0)
