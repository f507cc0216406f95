"""Workbooks for the Sheetsafe benchmark, written by real libraries.

- `realistic`: an order book written by XlsxWriter: a large "Sales" sheet (dates, invoice
  numbers, customers and products from shared strings, quantities, prices, per-row formulas
  with cached values), plus "Customers", "Stock" and "Summary" sheets.
- `incompressible`: the same kind of workbook plus pictures whose pixels are random, so most of
  the file does not compress (a workbook holding scanned receipts or photos).
- `resave`: a few cells changed and the whole package rewritten with Python's `zipfile`, every
  part compressed again, the way Excel rewrites the whole zip on every save.

Run as a program: `workbooks.py realistic OUT MB SEED`, `workbooks.py incompressible OUT MB SEED`,
`workbooks.py resave IN OUT SEED [CELLS]`.
"""

import datetime
import io
import os
import random
import re
import struct
import sys
import zipfile
import zlib

import xlsxwriter

# Rows of the Sales sheet per MB of finished workbook (measured with XlsxWriter 3.3 and the
# columns below); the finished size lands within a few per cent of the target.
ROWS_PER_MB = 11_000

FIRST_NAMES = [
    "Anna", "Bao", "Chloe", "Dawid", "Elena", "Farid", "Grace", "Hieu", "Ilona", "Jakub", "Kasia",
    "Linh", "Marek", "Nga", "Olivia", "Piotr", "Quang", "Rosa", "Szymon", "Thu", "Uma", "Vu",
    "Wiktoria", "Xuan", "Yusuf", "Zofia",
]
LAST_NAMES = [
    "Nguyen", "Kowalski", "Tran", "Nowak", "Le", "Wisniewska", "Pham", "Smith", "Hoang",
    "Wojcik", "Garcia", "Kaminski", "Do", "Lewandowska", "Brown", "Vo", "Zielinski", "Dang",
]
PRODUCTS = [
    "Paper A4 80g", "Toner HP 305A", "Stapler heavy duty", "Ring binder 2in", "Envelope DL",
    "Desk lamp LED", "Office chair mesh", "Whiteboard 90x60", "USB stick 64GB", "Label roll 57mm",
    "Printer paper A3", "Marker set 12", "Calculator desktop", "Coffee beans 1kg", "Water 19L",
    "Cable HDMI 2m", "Notebook A5 ruled", "Shredder cross-cut", "Scissors 21cm", "Tape 48mm",
]
REGIONS = ["North", "South", "East", "West", "Central", "Online"]


def _names(rng, count):
    return [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {i:03d}" for i in range(count)]


def _products(rng, count):
    return [f"{rng.choice(PRODUCTS)} #{i:03d}" for i in range(count)]


def _fill(workbook, rows, rng):
    """Writes the order-book sheets into an open XlsxWriter workbook."""
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    customers = _names(rng, 600)
    products = _products(rng, 240)

    sales = workbook.add_worksheet("Sales")
    headers = ["Date", "Invoice", "Customer", "Product", "Region", "Qty", "Unit price", "Net", "VAT",
               "Gross", "Paid"]
    for col, title in enumerate(headers):
        sales.write_string(0, col, title, bold)
    sales.set_column(0, 0, 11)
    sales.set_column(1, 4, 22)
    sales.set_column(5, 10, 12)
    sales.freeze_panes(1, 0)
    start = datetime.date(2021, 1, 1)
    for r in range(1, rows + 1):
        day = start + datetime.timedelta(days=r * 1500 // max(rows, 1))
        qty = rng.randint(1, 250)
        price = round(rng.uniform(0.5, 900.0), 2)
        net = round(qty * price, 2)
        vat = round(net * 0.2, 2)
        n = r + 1
        sales.write_datetime(r, 0, datetime.datetime(day.year, day.month, day.day), date)
        sales.write_string(r, 1, f"INV-{2021 + r * 5 // max(rows, 1)}-{r:07d}")
        sales.write_string(r, 2, customers[rng.randrange(len(customers))])
        sales.write_string(r, 3, products[rng.randrange(len(products))])
        sales.write_string(r, 4, REGIONS[rng.randrange(len(REGIONS))])
        sales.write_number(r, 5, qty)
        sales.write_number(r, 6, price, money)
        sales.write_formula(r, 7, f"=F{n}*G{n}", money, net)
        sales.write_formula(r, 8, f"=ROUND(H{n}*0.2,2)", money, vat)
        sales.write_formula(r, 9, f"=H{n}+I{n}", money, round(net + vat, 2))
        sales.write_boolean(r, 10, rng.random() < 0.93)
    sales.autofilter(0, 0, rows, len(headers) - 1)

    sheet = workbook.add_worksheet("Customers")
    for col, title in enumerate(["Customer", "Region", "Credit limit", "Phone"]):
        sheet.write_string(0, col, title, bold)
    for r, name in enumerate(customers, start=1):
        sheet.write_string(r, 0, name)
        sheet.write_string(r, 1, REGIONS[r % len(REGIONS)])
        sheet.write_number(r, 2, rng.randrange(1, 100) * 500, money)
        sheet.write_string(r, 3, f"+48 {rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}")

    sheet = workbook.add_worksheet("Stock")
    for col, title in enumerate(["Product", "On hand", "Reorder at", "Cost"]):
        sheet.write_string(0, col, title, bold)
    for r, name in enumerate(products, start=1):
        sheet.write_string(r, 0, name)
        sheet.write_number(r, 1, rng.randrange(0, 5000))
        sheet.write_number(r, 2, rng.randrange(10, 500))
        sheet.write_number(r, 3, round(rng.uniform(0.2, 600.0), 2), money)

    sheet = workbook.add_worksheet("Summary")
    sheet.write_string(0, 0, "Region", bold)
    sheet.write_string(0, 1, "Gross", bold)
    for r, region in enumerate(REGIONS, start=1):
        sheet.write_string(r, 0, region)
        sheet.write_formula(r, 1, f'=SUMIF(Sales!E:E,A{r + 1},Sales!J:J)', money, 0)
    return sales


def realistic(path, megabytes, seed):
    rng = random.Random(seed)
    rows = max(50, int(megabytes * ROWS_PER_MB))
    workbook = xlsxwriter.Workbook(path, {"constant_memory": False})
    workbook.set_properties({"title": "Order book", "author": "Sheetsafe benchmark",
                             "created": datetime.datetime(2026, 1, 5, 9, 0, 0)})
    _fill(workbook, rows, rng)
    workbook.close()


def _random_png(width, height, rng):
    """A valid PNG of random RGB pixels, stored without compression (it would not shrink)."""
    raw = bytearray()
    row_bytes = width * 3
    noise = rng.randbytes(row_bytes * height)
    for y in range(height):
        raw.append(0)
        raw += noise[y * row_bytes:(y + 1) * row_bytes]
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 0)) + chunk(b"IEND", b"")


def incompressible(path, megabytes, seed):
    """About `megabytes` MB, nearly all of it random pixels in embedded pictures."""
    rng = random.Random(seed)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": False})
    workbook.set_properties({"title": "Receipts", "author": "Sheetsafe benchmark",
                             "created": datetime.datetime(2026, 1, 5, 9, 0, 0)})
    sales = _fill(workbook, 2 * ROWS_PER_MB, rng)
    scans = workbook.add_worksheet("Scans")
    remaining = int(max(0, megabytes - 2) * 1_000_000)
    picture = 0
    while remaining > 0:
        pixels = min(remaining, 20_000_000) // 3
        width = 2000
        height = max(1, pixels // width)
        png = _random_png(width, height, rng)
        remaining -= len(png)
        scans.insert_image(picture * 40, 0, f"scan{picture + 1}.png",
                           {"image_data": io.BytesIO(png), "x_scale": 0.1, "y_scale": 0.1})
        picture += 1
    del sales
    workbook.close()


CELL_VALUE = re.compile(rb'(<c r="([F-G])(\d+)"[^>]*><v>)([^<]*)(</v></c>)')


def _read_parts(src):
    with zipfile.ZipFile(src) as zin:
        infos = zin.infolist()
        return [info.filename for info in infos], {info.filename: zin.read(info.filename) for info in infos}


def _write_parts(dst, names, parts):
    """Writes a whole new package, every part compressed again, as a spreadsheet app does."""
    tmp = dst + ".part"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, parts[name])
    os.replace(tmp, dst)


def resave(src, dst, seed, cells=5):
    """Changes `cells` quantities or prices in the Sales sheet and rewrites the whole zip."""
    resave_many(src, dst, [seed], cells)


def resave_many(src, dst, seeds, cells=5):
    """`resave` once per seed, in turn (the edits of several days), written once.

    Gives the same bytes as editing once per seed in turn, with one search of the sheet: an
    edit changes only a value, so every seed sees the same cells in the same order.
    """
    names, parts = _read_parts(src)
    sheet_name = "xl/worksheets/sheet1.xml"
    sheet = parts[sheet_name]
    matches = list(CELL_VALUE.finditer(sheet))
    values = {}
    stamp = None
    for seed in seeds:
        rng = random.Random(seed)
        chosen = sorted(rng.sample(range(len(matches)), min(cells, len(matches))), reverse=True)
        for i in chosen:
            column = matches[i].group(2)
            values[i] = str(rng.randint(1, 250)) if column == b"F" else f"{rng.uniform(0.5, 900):.2f}"
        stamp = datetime.datetime(2026, 1, 5) + datetime.timedelta(seconds=rng.randrange(10**7))
    edited = bytearray(sheet)
    for i in sorted(values, reverse=True):
        m = matches[i]
        edited[m.start(4):m.end(4)] = values[i].encode()
    parts[sheet_name] = bytes(edited)
    core = "docProps/core.xml"
    if core in parts and stamp is not None:
        parts[core] = re.sub(rb"<dcterms:modified([^>]*)>[^<]*<", b"<dcterms:modified\\1>"
                             + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + b"<", parts[core])
    _write_parts(dst, names, parts)


def new_pictures(src, dst, seed):
    """The same workbook with new random pixels in every picture (same sizes), rewritten."""
    rng = random.Random(seed)
    names, parts = _read_parts(src)
    for name in names:
        if name.startswith("xl/media/") and name.endswith(".png"):
            width, height = struct.unpack(">II", parts[name][16:24])
            parts[name] = _random_png(width, height, rng)
    _write_parts(dst, names, parts)


def xml_bytes(path):
    """The uncompressed size of a package's XML parts: what the health check parses."""
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))


def main(argv):
    kind = argv[1]
    if kind == "realistic":
        realistic(argv[2], float(argv[3]), int(argv[4]))
    elif kind == "incompressible":
        incompressible(argv[2], float(argv[3]), int(argv[4]))
    elif kind == "resave":
        resave(argv[2], argv[3], int(argv[4]), int(argv[5]) if len(argv) > 5 else 5)
    else:
        raise SystemExit(f"unknown kind {kind}")


if __name__ == "__main__":
    main(sys.argv)
