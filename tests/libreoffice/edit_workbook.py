#!/usr/bin/python3
"""Drive a running headless LibreOffice over UNO the way a user drives Calc: open a workbook,
optionally change a cell and save, then close it. Prints one JSON line saying whether the
application's lock file (.~lock.<name>#) existed while the workbook was open and after close.

Usage: edit_workbook.py PORT WORKBOOK (--set TEXT | --no-change)
Runs with Debian's /usr/bin/python3, which is where python3-uno installs the `uno` module.
"""
import json
import os
import sys
import time

import uno

from office import connect
from com.sun.star.beans import PropertyValue


def main():
    port, path, mode = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    text = sys.argv[4] if mode == "--set" else None
    ctx = connect(port)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
    folder, name = os.path.split(path)
    lock = os.path.join(folder, f".~lock.{name}#")
    lock_while_open = os.path.exists(lock)
    if text is not None:
        cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
        cell.setString(text)
        doc.store()  # keeps the file's own format (xlsx, xlsm with its macros, ods)
    doc.close(True)
    deadline = time.time() + 10
    while os.path.exists(lock) and time.time() < deadline:
        time.sleep(0.05)
    print(json.dumps({"lock_while_open": lock_while_open, "lock_after_close": os.path.exists(lock)}))


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # Skip the interpreter's teardown: tearing down the UNO bridge at exit sometimes aborts
    # ("free(): invalid pointer") after the work is done.
    os._exit(0)
