//! What the CLI prints, and how. Standard output is written through `outln!` (and `--json`
//! through `print_json`), which return the write error instead of panicking as `println!` does:
//! `sheetsafe versions X | head -1` closes the pipe early, and that must end the program
//! quietly with exit code 0. Errors are printed as one sentence each, with every cause once.

use std::error::Error;
use std::fmt;
use std::io::{self, Write};

/// Writes a line to standard output like `println!`, returning `io::Result<()>`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Writes formatted text to standard output.
pub fn write(args: fmt::Arguments<'_>) -> io::Result<()> {
    io::stdout().lock().write_fmt(args)
}

/// Prints a value as pretty JSON on stdout: what every `--json` prints.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}

/// True when the error (or one of its causes) is a write to a closed pipe: the reader has all
/// it wants, which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error as one sentence: the message, then each cause whose words the text does not
/// already hold. Sheetsafe's messages already quote their cause ("Could not read `x`: No such
/// file or directory (os error 2)."), so printing the whole chain said it twice.
pub fn sentence(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    let mut cause: Option<&(dyn Error + 'static)> = error.source();
    while let Some(e) = cause {
        let words = e.to_string();
        if !text.contains(words.trim_end_matches('.')) {
            text = format!("{}: {words}", text.trim_end_matches('.'));
        }
        cause = e.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("Could not read `x`: {source}.")]
    struct ReadError {
        source: io::Error,
    }

    #[test]
    fn an_os_error_quoted_by_its_message_is_printed_once() {
        let error = anyhow::Error::new(ReadError {
            source: io::Error::from_raw_os_error(2),
        });
        let text = sentence(&error);
        assert_eq!(text.matches("os error 2").count(), 1, "{text}");
        assert!(
            format!("{error:#}").matches("os error 2").count() == 2,
            "the old way printed it twice"
        );
    }

    #[test]
    fn a_context_keeps_its_cause() {
        let error = anyhow::Error::new(io::Error::other("disk on fire")).context("Could not list `y`");
        assert_eq!(sentence(&error), "Could not list `y`: disk on fire");
    }

    #[test]
    fn broken_pipes_are_recognised_through_context() {
        let error = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("printing");
        assert!(is_broken_pipe(&error));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
