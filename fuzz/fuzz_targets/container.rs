//! Feeds arbitrary bytes to the zip-package and compound-file checks (without the panic guard
//! that protects users): they must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sheetsafe::health::fuzzing::container(data);
});
