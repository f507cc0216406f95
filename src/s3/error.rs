//! What can go wrong talking to an S3 server, each case one sentence naming the server or
//! bucket and the next step (English for the command line and the log, `s3-error-*` in
//! `assets/i18n/problems-*.ftl` for the app).
//!
//! Servers word the same trouble differently: Garage answers every credential problem with
//! `403 AccessDenied` and tells them apart only in its message ("No such key", "Invalid
//! signature", "quota is reached"), AWS with distinct codes. [`from_body`] reads both, and the
//! reply's `Date` header tells a wrong PC clock from a wrong secret.

use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::Server;
use crate::fsutil;
use crate::i18n::{Explain, Said, SaidArg};

/// A clock this far off the server's breaks request signing on strict servers.
const SKEW_MINUTES: i64 = 15;

/// Why a request to the company's storage failed.
#[derive(Debug, thiserror::Error)]
pub enum S3Error {
    #[error(
        "The storage server {server} cannot be reached ({reason}). Nothing was lost: the copy runs again when it is back; check the network or ask whoever runs the server."
    )]
    Unreachable { server: String, reason: String },
    #[error(
        "The server {server} says it is busy or failing (HTTP {status}). Nothing was lost: the copy runs again later; if it keeps failing, ask whoever runs the server."
    )]
    Busy { server: String, status: u16 },
    #[error("`{address}` is not the address of an S3 server. Write it like http://server:3900/bucket-name.")]
    BadAddress { address: String },
    #[error(
        "The server {server} does not know the access key {key_id}. Check the key id, or ask whoever runs the server for a new key."
    )]
    UnknownKey { server: String, key_id: String },
    #[error(
        "The server {server} refused the secret of access key {key_id}. Enter the secret again exactly as you were given it."
    )]
    WrongSecret { server: String, key_id: String },
    #[error(
        "The server {server} refused the request because this computer's clock is {}. Set the clock right (turn on automatic time) and try again.",
        clock_words(*minutes)
    )]
    /// `minutes` is this computer's clock minus the server's (negative: behind; 0: unknown).
    ClockSkew { server: String, minutes: i64 },
    #[error(
        "The access key {key_id} may not use the bucket {bucket} on {server}. Check the bucket's name, or ask whoever runs the server to allow this key on it."
    )]
    Denied {
        server: String,
        bucket: String,
        key_id: String,
    },
    #[error(
        "The bucket {bucket} does not exist on {server}. Check its name, or ask whoever runs the server to create it."
    )]
    NoSuchBucket { server: String, bucket: String },
    #[error(
        "The bucket {bucket} is full (its quota is reached), so nothing more was stored. Ask whoever runs the server for more space, or keep fewer versions."
    )]
    QuotaReached { bucket: String },
    #[error(
        "The server refused {key} because its bytes did not match their SHA-256 (damaged on the way or on this disk). Nothing damaged was stored; run `sheetsafe verify` on the profile."
    )]
    ChecksumRejected { key: String },
    #[error(
        "{key} could not be confirmed after the upload (the server holds other bytes or none). The copy runs again at the next opportunity; if this repeats, ask whoever runs the server to check it."
    )]
    NotConfirmed { key: String },
    #[error("{key} is not in the bucket.")]
    NoSuchObject { key: String },
    #[error(
        "The server {server} answered with something that is not S3 (HTTP {status}: {code}). Check the address, or ask whoever runs the server."
    )]
    Refused { server: String, status: u16, code: String },
    #[error(
        "The server {server} answered with something that is not S3. Check that the address points at the S3 port (3900 on Garage)."
    )]
    Garbled { server: String },
    #[error("Could not read or write `{}`: {source}", path.display())]
    Local { path: PathBuf, source: io::Error },
    #[error("The transfer was cancelled; what was confirmed before is kept.")]
    Cancelled,
}

impl S3Error {
    /// True for troubles that a second try may cure: a dropped connection, a busy server.
    pub fn is_transient(&self) -> bool {
        matches!(self, S3Error::Unreachable { .. } | S3Error::Busy { .. })
    }

    /// True when the server could not be reached or is failing, so the copy should wait, as
    /// it waits for an unplugged drive, rather than count as failed.
    pub fn is_away(&self) -> bool {
        self.is_transient()
    }
}

impl Explain for S3Error {
    fn said(&self) -> Said {
        let text = |s: &str| SaidArg::from(s.to_string());
        let (id, args): (&str, Vec<(&str, SaidArg)>) = match self {
            S3Error::Unreachable { server, .. } => ("s3-error-unreachable", vec![("server", text(server))]),
            S3Error::Busy { server, status } => (
                "s3-error-busy",
                vec![("server", text(server)), ("status", u64::from(*status).into())],
            ),
            S3Error::BadAddress { address } => ("s3-error-bad-address", vec![("address", text(address))]),
            S3Error::UnknownKey { server, key_id } => (
                "s3-error-unknown-key",
                vec![("server", text(server)), ("key", text(key_id))],
            ),
            S3Error::WrongSecret { server, key_id } => (
                "s3-error-wrong-secret",
                vec![("server", text(server)), ("key", text(key_id))],
            ),
            S3Error::ClockSkew { server, minutes } => {
                let (amount, unit) = clock_amount(*minutes);
                (
                    "s3-error-clock",
                    vec![
                        ("server", text(server)),
                        ("amount", amount.into()),
                        ("unit", text(unit.code())),
                        ("direction", text(if *minutes > 0 { "ahead" } else { "behind" })),
                    ],
                )
            }
            S3Error::Denied { server, bucket, key_id } => (
                "s3-error-denied",
                vec![
                    ("server", text(server)),
                    ("bucket", text(bucket)),
                    ("key", text(key_id)),
                ],
            ),
            S3Error::NoSuchBucket { server, bucket } => (
                "s3-error-no-bucket",
                vec![("server", text(server)), ("bucket", text(bucket))],
            ),
            S3Error::QuotaReached { bucket } => ("s3-error-quota", vec![("bucket", text(bucket))]),
            S3Error::ChecksumRejected { key } => ("s3-error-checksum", vec![("object", text(key))]),
            S3Error::NotConfirmed { key } => ("s3-error-not-confirmed", vec![("object", text(key))]),
            S3Error::NoSuchObject { key } => ("s3-error-no-object", vec![("object", text(key))]),
            S3Error::Refused { server, status, .. } => (
                "s3-error-refused",
                vec![("server", text(server)), ("status", u64::from(*status).into())],
            ),
            S3Error::Garbled { server } => ("s3-error-garbled", vec![("server", text(server))]),
            S3Error::Local { path, source } => (
                "s3-error-local",
                vec![
                    ("file", SaidArg::from(path.as_path())),
                    (
                        "reason",
                        SaidArg::Message {
                            message: fsutil::io_reason_id(source).to_string(),
                        },
                    ),
                ],
            ),
            S3Error::Cancelled => ("s3-error-cancelled", vec![]),
        };
        Said::new(id, args, self.to_string())
    }
}

/// The error an S3 reply with `status` and body `text` stands for. `date` is the reply's
/// `Date` header, which tells a wrong local clock apart from a wrong secret.
pub(super) fn from_body(status: u16, text: &str, date: Option<&str>, server: &Server, key: &str) -> S3Error {
    let code = tag(text, "Code").unwrap_or_default();
    let message = tag(text, "Message").unwrap_or_default().to_lowercase();
    let endpoint = server.endpoint.clone();
    if let Some(minutes) = date.and_then(skew_minutes)
        && minutes.abs() >= SKEW_MINUTES
        && matches!(status, 400 | 403)
    {
        return S3Error::ClockSkew {
            server: endpoint,
            minutes,
        };
    }
    match (status, code.as_str()) {
        (_, "RequestTimeTooSkewed") => S3Error::ClockSkew {
            server: endpoint,
            minutes: 0,
        },
        (_, "InvalidAccessKeyId") => S3Error::UnknownKey {
            server: endpoint,
            key_id: server.key_id.clone(),
        },
        (_, "SignatureDoesNotMatch") => S3Error::WrongSecret {
            server: endpoint,
            key_id: server.key_id.clone(),
        },
        (_, "NoSuchBucket") => S3Error::NoSuchBucket {
            server: endpoint,
            bucket: server.bucket.clone(),
        },
        (_, "NoSuchKey" | "NoSuchUpload") => S3Error::NoSuchObject { key: key.to_string() },
        (_, "QuotaExceeded") => S3Error::QuotaReached {
            bucket: server.bucket.clone(),
        },
        (_, "InvalidDigest" | "BadDigest" | "XAmzContentChecksumMismatch" | "InvalidRequest")
            if code != "InvalidRequest" || message.contains("checksum") =>
        {
            S3Error::ChecksumRejected { key: key.to_string() }
        }
        (403, _) if message.contains("no such key") => S3Error::UnknownKey {
            server: endpoint,
            key_id: server.key_id.clone(),
        },
        (403, _) if message.contains("signature") => S3Error::WrongSecret {
            server: endpoint,
            key_id: server.key_id.clone(),
        },
        (403, _) if message.contains("quota") => S3Error::QuotaReached {
            bucket: server.bucket.clone(),
        },
        (403, _) if message.contains("too old") || message.contains("expired") => S3Error::ClockSkew {
            server: endpoint,
            minutes: 0,
        },
        (403, _) => S3Error::Denied {
            server: endpoint,
            bucket: server.bucket.clone(),
            key_id: server.key_id.clone(),
        },
        // A HEAD reply has no body: a missing bucket and a missing object look alike.
        (404, _) => S3Error::NoSuchObject { key: key.to_string() },
        (500..=599, _) => S3Error::Busy {
            server: endpoint,
            status,
        },
        _ => S3Error::Refused {
            server: endpoint,
            status,
            code: if code.is_empty() {
                "no S3 error code".to_string()
            } else {
                code
            },
        },
    }
}

/// The text of the first `<name>…</name>` element of an S3 error document. The documents
/// are flat and generated by the server, so a tag search is enough; a reply that is not such
/// a document yields `None`.
fn tag(text: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&close)?;
    Some(text[start..end].trim().to_string())
}

/// How many minutes this computer's clock is ahead of (positive) or behind the server's
/// `Date` header (RFC 2822, as HTTP writes it).
/// The unit a clock's distance from the server's is said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClockUnit {
    Minutes,
    Hours,
    Days,
    /// The server refused the time without saying its own.
    Unknown,
}

impl ClockUnit {
    fn code(self) -> &'static str {
        match self {
            ClockUnit::Minutes => "minutes",
            ClockUnit::Hours => "hours",
            ClockUnit::Days => "days",
            ClockUnit::Unknown => "unknown",
        }
    }
}

/// `minutes` off in the largest unit people read at a glance, rounded to the nearest: days
/// from two days on, hours from two hours on ("8 days", not "11519 minutes", nor "7 days"
/// for a clock set back 8 days and a minute of requests since).
fn clock_amount(minutes: i64) -> (u64, ClockUnit) {
    const HOUR: u64 = 60;
    const DAY: u64 = 24 * HOUR;
    let nearest = |m: u64, unit: u64| m.saturating_add(unit / 2) / unit;
    match minutes.unsigned_abs() {
        0 => (0, ClockUnit::Unknown),
        m if m >= 2 * DAY => (nearest(m, DAY), ClockUnit::Days),
        m if m >= 2 * HOUR => (nearest(m, HOUR), ClockUnit::Hours),
        m => (m, ClockUnit::Minutes),
    }
}

/// The English for how far off the clock is: "8 days behind", "1 minute ahead", "wrong".
fn clock_words(minutes: i64) -> String {
    let (amount, unit) = clock_amount(minutes);
    let direction = if minutes > 0 { "ahead" } else { "behind" };
    let plural = if amount == 1 { "" } else { "s" };
    match unit {
        ClockUnit::Unknown => "wrong".to_string(),
        ClockUnit::Minutes => format!("{amount} minute{plural} {direction}"),
        ClockUnit::Hours => format!("{amount} hour{plural} {direction}"),
        ClockUnit::Days => format!("{amount} day{plural} {direction}"),
    }
}

fn skew_minutes(date: &str) -> Option<i64> {
    let theirs = DateTime::parse_from_rfc2822(date).ok()?.with_timezone(&Utc);
    Some((Utc::now() - theirs).num_minutes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        Server {
            endpoint: "http://127.0.0.1:3900".into(),
            bucket: "alice-backups".into(),
            region: "garage".into(),
            key_id: "GK1234".into(),
        }
    }

    fn garage(message: &str) -> String {
        format!("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>{message}</Message></Error>")
    }

    #[test]
    fn garages_and_aws_words_for_the_same_trouble_give_the_same_error() {
        let s = server();
        let cases = [
            (403, garage("Forbidden: No such key: GK1234"), "unknown-key"),
            (
                403,
                "<Error><Code>InvalidAccessKeyId</Code></Error>".to_string(),
                "unknown-key",
            ),
            (403, garage("Forbidden: Invalid signature"), "wrong-secret"),
            (
                403,
                "<Error><Code>SignatureDoesNotMatch</Code></Error>".to_string(),
                "wrong-secret",
            ),
            (
                403,
                garage("Forbidden: Operation is not allowed for this key."),
                "denied",
            ),
            (404, "<Error><Code>NoSuchBucket</Code></Error>".to_string(), "no-bucket"),
            (403, garage("Bucket quota is reached"), "quota"),
            (400, "<Error><Code>InvalidDigest</Code></Error>".to_string(), "checksum"),
            (403, garage("Date is too old"), "clock"),
            (503, String::new(), "busy"),
            (418, "<html>teapot</html>".to_string(), "refused"),
        ];
        for (status, body, want) in cases {
            let e = from_body(status, &body, None, &s, "d/v/x.age");
            assert_eq!(e.said().id, format!("s3-error-{want}"), "{status} {body}");
        }
    }

    #[test]
    fn a_clock_far_off_the_servers_is_named_instead_of_the_secret() {
        let an_hour_ago = (Utc::now() - chrono::Duration::minutes(61)).to_rfc2822();
        let e = from_body(403, &garage("Invalid signature"), Some(&an_hour_ago), &server(), "k");
        assert!(
            matches!(e, S3Error::ClockSkew { minutes, .. } if (60..=62).contains(&minutes)),
            "{e:?}"
        );
        let now = Utc::now().to_rfc2822();
        let e = from_body(403, &garage("Invalid signature"), Some(&now), &server(), "k");
        assert!(matches!(e, S3Error::WrongSecret { .. }), "{e:?}");
    }

    /// Whatever the distance, the sentence says it in a unit a person reads at a glance, which
    /// way the clock is off, and never a minus sign; in every language.
    #[test]
    fn a_clock_off_is_said_in_days_hours_or_minutes_and_which_way() {
        let server = "http://127.0.0.1:3900".to_string();
        let said = |minutes| {
            S3Error::ClockSkew {
                server: server.clone(),
                minutes,
            }
            .to_string()
        };
        assert!(said(-11_519).contains("clock is 8 days behind."), "{}", said(-11_519));
        assert!(said(61).contains("clock is 61 minutes ahead."), "{}", said(61));
        assert!(said(-1).contains("clock is 1 minute behind."), "{}", said(-1));
        assert!(said(149).contains("clock is 2 hours ahead."), "{}", said(149));
        assert!(said(150).contains("clock is 3 hours ahead."), "{}", said(150));
        assert!(said(0).contains("clock is wrong."), "{}", said(0));
        for minutes in [-11_519_i64, -1500, -121, -1, 0, 1, 90, 24 * 60, i64::MIN, i64::MAX] {
            let e = S3Error::ClockSkew {
                server: server.clone(),
                minutes,
            };
            assert!(!e.to_string().contains('-'), "{e}");
            crate::i18n::assert_said_everywhere(&e.said());
            for language in crate::i18n::Language::ALL {
                let words = e.said().localized(&crate::i18n::Translator::new(language));
                let unfilled = words.contains('{') || words.contains('-') || words.contains("unknown");
                assert!(!unfilled, "{language:?} {minutes}: {words}");
                // Not the English fallback of a message the language lost to a syntax error.
                let english = language == crate::i18n::Language::En;
                assert!(english || words != e.to_string(), "{language:?} {minutes}: {words}");
            }
        }
    }

    #[test]
    fn every_error_is_said_in_every_language() {
        let s = "http://127.0.0.1:3900".to_string();
        let all = [
            S3Error::Unreachable {
                server: s.clone(),
                reason: "connection refused".into(),
            },
            S3Error::Busy {
                server: s.clone(),
                status: 503,
            },
            S3Error::BadAddress {
                address: "ftp://x".into(),
            },
            S3Error::UnknownKey {
                server: s.clone(),
                key_id: "GK1".into(),
            },
            S3Error::WrongSecret {
                server: s.clone(),
                key_id: "GK1".into(),
            },
            S3Error::ClockSkew {
                server: s.clone(),
                minutes: -90,
            },
            S3Error::Denied {
                server: s.clone(),
                bucket: "b".into(),
                key_id: "GK1".into(),
            },
            S3Error::NoSuchBucket {
                server: s.clone(),
                bucket: "b".into(),
            },
            S3Error::QuotaReached { bucket: "b".into() },
            S3Error::ChecksumRejected {
                key: "d/v/x.age".into(),
            },
            S3Error::NotConfirmed {
                key: "d/v/x.age".into(),
            },
            S3Error::NoSuchObject {
                key: "d/v/x.age".into(),
            },
            S3Error::Refused {
                server: s.clone(),
                status: 418,
                code: "Teapot".into(),
            },
            S3Error::Garbled { server: s },
            S3Error::Local {
                path: PathBuf::from("/tmp/x"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            S3Error::Cancelled,
        ];
        for e in &all {
            crate::i18n::assert_said_everywhere(&e.said());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, ..Default::default() })]

        /// Whatever a server (or something posing as one) answers, the reply becomes one of
        /// the errors, said in every language, without a panic.
        #[test]
        fn any_reply_becomes_an_error_said_in_every_language(
            status in 300u16..600,
            code in "(AccessDenied|NoSuchBucket|NoSuchKey|InvalidDigest|InvalidRequest|SignatureDoesNotMatch|[A-Za-z<>/]{0,12})",
            message in "[ -~]{0,60}",
            tail in "[ -~]{0,20}",
            date in proptest::option::of("[ -~]{0,40}"),
        ) {
            let body = format!("<Error><Code>{code}</Code><Message>{message}</Message>{tail}");
            let e = from_body(status, &body, date.as_deref(), &server(), "d/v/x.age");
            crate::i18n::assert_said_everywhere(&e.said());
            let cut = &body[..body.len() / 2];
            let e = from_body(status, cut, None, &server(), "d/v/x.age");
            proptest::prop_assert!(!e.to_string().is_empty());
        }
    }
}
