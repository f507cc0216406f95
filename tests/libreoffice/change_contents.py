#!/usr/bin/python3
"""Change what is inside a workbook the way a user does in Calc: open it in a running headless
LibreOffice, apply a list of edits, save it in its own format and close it. Prints one JSON line
saying whether the lock file (.~lock.<name>#) was gone after the close.

Usage: change_contents.py PORT WORKBOOK EDITS_JSON
EDITS_JSON is a list of edits, each a list:
  ["fill", SHEET, ROWS, COLS]          replace the sheet's cells with ROWS x COLS distinct values
  ["set", SHEET, CELL, VALUE]          a number or a text in one cell (e.g. "B5")
  ["delete-rows", SHEET, FIRST, COUNT] delete whole rows (0-based FIRST)
  ["clear", SHEET]                     clear every value of the sheet, keeping the sheet
  ["rename", SHEET, NEW]               rename a sheet
  ["add", SHEET, ROWS, COLS]           add a sheet at the end, filled like "fill"
  ["remove", SHEET]                    delete a sheet
Runs with Debian's /usr/bin/python3, which is where python3-uno installs the `uno` module.
"""
import json
import os
import sys
import time

import uno

from office import connect
from com.sun.star.beans import PropertyValue

# VALUE | DATETIME | STRING | FORMULA
CLEAR_CONTENTS = 1 | 2 | 4 | 16


def fill(sheet, rows, cols, tag):
    data = tuple(
        tuple((f"{tag} {r + 1}" if c == 0 else float((r + 1) * 10 + c)) for c in range(cols))
        for r in range(rows)
    )
    sheet.getCellRangeByPosition(0, 0, 1023, 9999).clearContents(CLEAR_CONTENTS)
    sheet.getCellRangeByPosition(0, 0, cols - 1, rows - 1).setDataArray(data)


def apply(doc, edit):
    kind, name = edit[0], edit[1]
    sheets = doc.Sheets
    if kind == "add":
        sheets.insertNewByName(name, sheets.getCount())
        fill(sheets.getByName(name), edit[2], edit[3], name)
        return
    sheet = sheets.getByName(name)
    if kind == "fill":
        fill(sheet, edit[2], edit[3], name)
    elif kind == "set":
        cell = sheet.getCellRangeByName(edit[2])
        if isinstance(edit[3], str):
            cell.setString(edit[3])
        else:
            cell.setValue(edit[3])
    elif kind == "delete-rows":
        sheet.Rows.removeByIndex(edit[2], edit[3])
    elif kind == "clear":
        sheet.getCellRangeByPosition(0, 0, 1023, 9999).clearContents(CLEAR_CONTENTS)
    elif kind == "rename":
        sheet.Name = edit[2]
    elif kind == "remove":
        sheets.removeByName(name)
    else:
        raise SystemExit(f"unknown edit {kind}")


def main():
    port, path, edits = sys.argv[1], os.path.abspath(sys.argv[2]), json.loads(sys.argv[3])
    ctx = connect(port)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
    for edit in edits:
        apply(doc, edit)
    doc.store()  # keeps the file's own format
    doc.close(True)
    folder, name = os.path.split(path)
    lock = os.path.join(folder, f".~lock.{name}#")
    deadline = time.time() + 10
    while os.path.exists(lock) and time.time() < deadline:
        time.sleep(0.05)
    print(json.dumps({"lock_after_close": os.path.exists(lock)}))


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # Skip the interpreter's teardown: tearing down the UNO bridge at exit sometimes aborts.
    os._exit(0)
