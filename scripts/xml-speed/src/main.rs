//! Measures the health check's streaming XML scanner against the reference parser it is tested
//! against (`roxmltree`, which builds the whole document in memory) and against the floor of
//! merely validating UTF-8, on generated spreadsheet XML: shared strings in Vietnamese and
//! Polish, and a sheet of numeric rows. Prints a Markdown section for `docs/benchmarks.md`.
//!
//!   scripts/bench-xml   (cargo run --release in scripts/xml-speed)
//!
//! Each timing is the median of 7 runs; peak memory is read from the process's high-water mark
//! (`VmHWM`) in a fresh process per parser, so one parser's memory never counts for another.

// A measuring tool: sizes and times become floating-point figures for people to read.
#![allow(clippy::cast_precision_loss, clippy::format_push_string)]

use std::process::Command;
use std::time::{Duration, Instant};

const MB: usize = 1_000_000;

fn shared_strings(target: usize) -> String {
    let texts = [
        "Cửa hàng bán lẻ Nguyễn Thị Lan — hóa đơn số",
        "Khách hàng: Trần Văn Hùng, Phạm Thị Hương",
        "Zażółć gęślą jaźń; faktura VAT nr 17/2026, Łódź",
        "Stan magazynu: śruby M8 &amp; podkładki Ø10",
    ];
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    let mut i = 0;
    while doc.len() < target {
        doc.push_str(&format!(
            "<si><t xml:space=\"preserve\">{} {i}</t></si>",
            texts[i % texts.len()]
        ));
        i += 1;
    }
    doc.push_str("</sst>");
    doc
}

fn sheet(target: usize) -> String {
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    let mut r = 1;
    while doc.len() < target {
        doc.push_str(&format!(
            "<row r=\"{r}\" spans=\"1:5\"><c r=\"A{r}\" s=\"1\"><v>4{r}</v></c><c r=\"B{r}\" t=\"s\"><v>{}</v></c><c r=\"C{r}\"><v>{}.5</v></c><c r=\"D{r}\"><f>C{r}*1.08</f><v>{}</v></c></row>",
            r % 997,
            r * 3,
            r * 7
        ));
        r += 1;
    }
    doc.push_str("</sheetData></worksheet>");
    doc
}

fn document(kind: &str) -> String {
    match kind {
        "strings" => shared_strings(40 * MB),
        _ => sheet(40 * MB),
    }
}

/// Parses `doc` once with `parser`; false if it was refused.
fn parse_once(parser: &str, doc: &str) -> bool {
    match parser {
        "scanner" => sheetsafe::health::fuzzing::xml_well_formed(doc.as_bytes()),
        "roxmltree" => std::str::from_utf8(doc.as_bytes())
            .ok()
            .is_some_and(|text| roxmltree::Document::parse(text).is_ok()),
        _ => std::str::from_utf8(doc.as_bytes()).is_ok(),
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child mode: one parse, then print the peak memory above the document itself.
    if args.len() == 4 && args[1] == "--peak" {
        let doc = document(&args[3]);
        let before = peak_rss_kib();
        assert!(parse_once(&args[2], &doc), "{} refused the document", args[2]);
        println!("{}", peak_rss_kib().saturating_sub(before));
        return;
    }
    let me = std::env::current_exe().expect("own path");
    println!("<!-- bench-xml:start -->");
    println!("## XML well-formedness: the health check's scanner against a reference parser\n");
    println!(
        "Produced by `scripts/bench-xml` (`cargo run --release` in `scripts/xml-speed`). \
         The health check parses every XML part of every workbook on every backup, so its scanner is measured \
         here against `roxmltree` (the reference parser of its differential test, which builds the whole \
         document in memory) and against the floor of only validating UTF-8. 40 MB of generated XML each; \
         median of 7 runs; extra memory is the process's peak above the document, in a fresh process per parser.\n"
    );
    println!("| XML | parser | time | throughput | extra peak memory |");
    println!("|---|---|---|---|---|");
    let mut speedups = Vec::new();
    for (kind, label) in [
        ("strings", "shared strings, Vietnamese and Polish"),
        ("sheet", "sheet of numeric rows"),
    ] {
        let doc = document(kind);
        let mut times = Vec::new();
        for parser in ["scanner", "roxmltree", "utf8"] {
            let mut runs = Vec::new();
            for _ in 0..7 {
                let start = Instant::now();
                assert!(parse_once(parser, &doc), "{parser} refused the {kind} document");
                runs.push(start.elapsed());
            }
            let time = median(runs);
            times.push(time);
            let mb_s = doc.len() as f64 / MB as f64 / time.as_secs_f64();
            let peak = Command::new(&me)
                .args(["--peak", parser, kind])
                .output()
                .ok()
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .and_then(|s| s.trim().parse::<u64>().ok())
                .map_or_else(|| "?".to_owned(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0));
            let name = match parser {
                "scanner" => "Sheetsafe's scanner",
                "roxmltree" => "`roxmltree` 0.20",
                _ => "UTF-8 validation only (floor)",
            };
            println!(
                "| {label} ({:.1} MB) | {name} | {:.0} ms | {mb_s:.0} MB/s | {peak} |",
                doc.len() as f64 / MB as f64,
                time.as_secs_f64() * 1000.0
            );
        }
        speedups.push(times[1].as_secs_f64() / times[0].as_secs_f64());
    }
    let (low, high) = speedups
        .iter()
        .fold((f64::MAX, 0.0_f64), |(l, h), &x| (l.min(x), h.max(x)));
    println!(
        "\nThe scanner is {low:.1}–{high:.1} times as fast as the reference parser and its memory does not grow \
         with the part, so it keeps its place; the differential test and the fuzzers keep it honest.\n"
    );
    println!("<!-- bench-xml:end -->");
}
