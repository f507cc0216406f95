//! Generated workbooks in the languages Sheetsafe's users write (English, Vietnamese, Polish, plus
//! Hebrew and emoji), from a few kilobytes to a few megabytes of shared strings, go through the
//! real `sheetsafe backup` and `sheetsafe verify --full` and must all be recorded `healthy`.
//!
//! Large shared-string parts of multi-byte text are where the health check's scanner once
//! split a character at its buffer's edge and called healthy workbooks damaged.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use crate::util::{Workspace, assert_sha256sum_passes};

/// Text per language: a shop's customer names, products and notes.
const LANGUAGES: [(&str, &str, &[&str]); 5] = [
    (
        "en",
        "Sales ledger",
        &[
            "Corner shop, invoice 0042",
            "Paid in cash & by card",
            "Stock <low>: reorder \"soon\"",
        ],
    ),
    (
        "vi",
        "Bán hàng tháng 11",
        &[
            "Cửa hàng bán lẻ Nguyễn Thị Lan",
            "Hóa đơn số 0042 — thành tiền 1.250.000 ₫",
            "Khách hàng: Trần Văn Hùng, Phạm Thị Hương, Lê Đức Anh",
        ],
    ),
    (
        "pl",
        "Księgowość żółć",
        &[
            "Zażółć gęślą jaźń",
            "Faktura VAT nr 17/2026, Łódź",
            "Stan magazynu: śruby M8 ×1200, podkładki Ø10",
        ],
    ),
    (
        "he",
        "חישוב נקודות",
        &["חישוב נקודות זיכוי", "לקוח: משה כהן", "סה״כ לתשלום ₪"],
    ),
    (
        "emoji",
        "Sổ quỹ 🛒",
        &["🛒 giỏ hàng", "📦 kho 💰 quỹ", "👩‍👩‍👧 gia đình 🇻🇳🇵🇱"],
    ),
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes a minimal but complete `.xlsx` whose shared strings hold about `strings_bytes` of
/// XML in `texts`, and whose one sheet (named `sheet`) refers to each string.
fn write_xlsx(path: &Path, sheet: &str, texts: &[&str], strings_bytes: usize) {
    let mut strings = String::new();
    let mut count = 0usize;
    while strings.len() < strings_bytes {
        let text = escape(texts[count % texts.len()]);
        let _ = write!(strings, "<si><t xml:space=\"preserve\">{text} #{count}</t></si>");
        count += 1;
    }
    let shared = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{count}\">{strings}</sst>"
    );
    let mut rows = String::new();
    for i in 0..count.min(5000) {
        let r = i + 1;
        let _ = write!(
            rows,
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>{i}</v></c><c r=\"B{r}\"><v>{}</v></c></row>",
            r * 1000
        );
    }
    let parts: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>".to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned(),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                escape(sheet)
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".to_owned(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
            ),
        ),
        ("xl/sharedStrings.xml", shared),
    ];
    let file = std::fs::File::create(path).expect("create workbook");
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(name, options).expect("start part");
        zip.write_all(body.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish workbook");
}

#[test]
fn generated_workbooks_in_every_language_are_recorded_healthy() {
    let ws = Workspace::new();
    let mut workbooks: Vec<PathBuf> = Vec::new();
    // Sizes of the shared-strings XML: small, past one 256 KiB buffer, past several.
    for (code, sheet, texts) in LANGUAGES {
        for size in [20_000, 300_000, 1_300_000] {
            let path = ws.data(&format!("{sheet} {code} {}k.xlsx", size / 1000));
            write_xlsx(&path, sheet, texts, size);
            workbooks.push(path);
        }
    }
    let refs: Vec<&Path> = workbooks.iter().map(PathBuf::as_path).collect();
    ws.add_profile("Ngôn ngữ", &refs, &[]).ok();

    let backup = ws.run(["backup", "Ngôn ngữ"]);
    backup.ok();
    assert_eq!(
        backup.stdout().matches("verified.").count(),
        workbooks.len(),
        "{}",
        backup.stdout()
    );
    assert!(!backup.stderr().contains("panicked"), "{}", backup.stderr());

    let versions = ws.run(["versions", "Ngôn ngữ", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&versions.ok().stdout()).expect("versions json");
    let listed = json.as_array().map_or_else(
        || json["versions"].as_array().cloned().unwrap_or_default(),
        Clone::clone,
    );
    assert_eq!(listed.len(), workbooks.len(), "{json:#}");
    for version in &listed {
        assert_eq!(version["health"], "healthy", "{version:#}");
    }

    let verify = ws.run(["verify", "--full", "Ngôn ngữ"]);
    verify.ok();
    assert!(!verify.stderr().contains("panicked"), "{}", verify.stderr());
    assert_sha256sum_passes(&ws.store("Ngôn ngữ"));
}
