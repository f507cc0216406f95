//! Runs a health check so that a bug in it never reaches the user: a panic inside the check (in
//! this crate or a parser it uses) is caught, its message kept for the log, and nothing is printed
//! to the terminal by Rust's default panic hook.
//!
//! The process-wide panic hook is wrapped once: while the current thread is inside a check (a
//! thread-local flag), the hook records the message instead of printing it; everywhere else the
//! previous hook runs as before, so real crashes elsewhere are still reported normally.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a health check.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The last panic message recorded on this thread while quiet.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let location = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let text = format!("{}{location}", payload_text(info.payload()));
                LAST.with(|last| *last.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `check`, returning the panic's message (with its source location when known) if it
/// panicked.
pub(crate) fn quietly<T>(check: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(check));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        LAST.with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

/// Marks a thread that a check spawns as part of it: a panic there is not printed either. The
/// panic still travels to the spawning thread (through `join`), where [`quietly`] catches it.
pub(crate) fn mark_thread_quiet() {
    QUIET.with(|q| q.set(true));
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message_and_location() {
        let result: Result<(), String> = quietly(|| panic!("scanner index out of range"));
        let message = result.expect_err("the panic is reported");
        assert!(message.contains("scanner index out of range"), "{message}");
        assert!(message.contains("guard.rs"), "{message}");
    }

    #[test]
    fn a_panic_in_a_helper_thread_is_caught_by_the_caller() {
        let result: Result<(), String> = quietly(|| {
            std::thread::scope(|scope| {
                let worker = scope.spawn(|| {
                    mark_thread_quiet();
                    panic!("parser thread failed");
                });
                worker.join().unwrap_or_else(|panic| panic::resume_unwind(panic));
            });
        });
        assert!(result.expect_err("caught").contains("parser thread failed"));
    }

    #[test]
    fn the_flag_is_restored_after_a_check() {
        let _ = quietly(|| 1);
        assert!(!QUIET.with(Cell::get));
    }
}
