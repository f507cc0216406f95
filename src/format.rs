//! Formatting for people: sizes and times as they read them, shared by the command line and
//! the app.

use chrono::{DateTime, FixedOffset, Local};

/// `1234567` → `1.2 MB` (decimal units, as file managers show them).
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A time in the local zone, to the second.
pub fn time(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// An optional time, or `never`.
pub fn maybe_time(t: Option<&DateTime<FixedOffset>>) -> String {
    t.map_or_else(|| "never".to_string(), time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(1_234_567), "1.2 MB");
    }
}
