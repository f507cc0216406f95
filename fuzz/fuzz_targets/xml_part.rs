//! Feeds arbitrary bytes to the health check's XML scanner, with the real buffer and a tiny
//! one: it must never panic, and the two verdicts must agree.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sheetsafe::health::fuzzing::xml_part(data);
});
