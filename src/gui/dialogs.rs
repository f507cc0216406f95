//! The operating system's file and folder pickers, as tasks. Every screen that lets the user
//! browse uses these, and tests replace them by sending the answer message directly.

use std::path::PathBuf;

use iced::Task;

/// Spreadsheet types offered in the file picker.
const SPREADSHEETS: [&str; 7] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "xltx", "csv"];

/// Lets the user pick workbooks; an empty list when cancelled.
pub fn pick_workbooks<M: Send + 'static>(
    title: String,
    answer: impl Fn(Vec<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("Excel / Calc", &SPREADSHEETS);
    Task::perform(
        async move {
            dialog
                .pick_files()
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
    title: String,
    answer: impl Fn(Option<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new().set_title(title);
    Task::perform(
        async move { dialog.pick_folder().await.map(|f| f.path().to_path_buf()) },
        answer,
    )
}

/// Lets the user choose where to save a file named `name`; `None` when cancelled.
pub fn save_file<M: Send + 'static>(
    title: String,
    name: String,
    answer: impl Fn(Option<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    let dialog = rfd::AsyncFileDialog::new().set_title(title).set_file_name(name);
    Task::perform(
        async move { dialog.save_file().await.map(|f| f.path().to_path_buf()) },
        answer,
    )
}
