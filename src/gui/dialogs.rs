//! The operating system's file and folder pickers, as tasks. Every screen that lets the user
//! browse uses these, and tests replace them by sending the answer message directly.
//!
//! On Linux the picker is the desktop's (through its portal); a desktop without one answers
//! "nothing chosen" at once, and "Browse…" would seem to do nothing. An answer faster than a
//! person can cancel is taken as that: the user is told to type the path instead.

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::Task;
use sheetsafe::i18n::Translator;

/// Faster than anyone closes a picker: no picker was shown.
const NO_PICKER: Duration = Duration::from_millis(300);

/// Runs a picker; tells the user when it answered "nothing" before it could have been seen.
async fn watched<T>(picker: impl Future<Output = Option<T>>, unavailable: String) -> Option<T> {
    let (answer, shown) = timed(picker).await;
    if !shown {
        tracing::warn!("the file picker answered at once: this desktop seems to have none");
        super::notifications::notify(&unavailable, "", false);
    }
    answer
}

/// The picker's answer, and whether a picker can have been shown (an answer of "nothing" came
/// later than [`NO_PICKER`], or something was chosen).
async fn timed<T>(picker: impl Future<Output = Option<T>>) -> (Option<T>, bool) {
    let started = Instant::now();
    let answer = picker.await;
    let shown = answer.is_some() || started.elapsed() >= NO_PICKER;
    (answer, shown)
}

/// Spreadsheet types offered in the file picker.
const SPREADSHEETS: [&str; 7] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "xltx", "csv"];

/// Lets the user pick workbooks; an empty list when cancelled.
pub fn pick_workbooks<M: Send + 'static>(
    t: &Translator,
    title: &str,
    answer: impl Fn(Vec<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(t.tr(title))
        .add_filter("Excel / Calc", &SPREADSHEETS);
    let unavailable = t.tr("dialog-unavailable");
    Task::perform(
        async move {
            watched(dialog.pick_files(), unavailable)
                .await
                .unwrap_or_default()
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        },
        answer,
    )
}

/// Lets the user pick a folder; `None` when cancelled.
pub fn pick_folder<M: Send + 'static>(
    t: &Translator,
    title: &str,
    answer: impl Fn(Option<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new().set_title(t.tr(title));
    let unavailable = t.tr("dialog-unavailable");
    Task::perform(
        async move {
            watched(dialog.pick_folder(), unavailable)
                .await
                .map(|f| f.path().to_path_buf())
        },
        answer,
    )
}

/// Lets the user choose where to save a file named `name`; `None` when cancelled.
pub fn save_file<M: Send + 'static>(
    t: &Translator,
    title: &str,
    name: String,
    answer: impl Fn(Option<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new().set_title(t.tr(title)).set_file_name(name);
    let unavailable = t.tr("dialog-unavailable");
    Task::perform(
        async move {
            watched(dialog.save_file(), unavailable)
                .await
                .map(|f| f.path().to_path_buf())
        },
        answer,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::executor::block_on;

    #[test]
    fn nothing_at_once_means_no_picker_and_a_late_cancel_or_a_choice_means_one() {
        assert_eq!(block_on(timed(async { None::<PathBuf> })), (None, false));
        let late_cancel = async {
            std::thread::sleep(NO_PICKER + Duration::from_millis(50));
            None::<PathBuf>
        };
        assert_eq!(block_on(timed(late_cancel)), (None, true));
        let chosen = PathBuf::from("Sổ.xlsx");
        assert_eq!(
            block_on(timed(async { Some(chosen.clone()) })),
            (Some(chosen.clone()), true)
        );
    }
}
