//! Desktop notifications (a failed backup, a damaged version, the first backup made), through
//! each system's own service: the freedesktop notification daemon over D-Bus on Linux, toasts
//! on Windows, Notification Center on macOS.

use notify_rust::{Notification, Timeout};

/// Shows a notification. A `failure` stays on screen until the user dismisses it (and is marked
/// critical where the system knows urgency), since it says that a backup is missing.
///
/// Returns at once: delivering can take a while (connecting to D-Bus, a busy notification
/// service), so it happens on a thread of its own. A notification that cannot be shown is only
/// logged; the same problem is on the overview and the tray icon.
pub fn notify(summary: &str, body: &str, failure: bool) {
    let (summary, body) = (summary.to_owned(), body.to_owned());
    let spawned = std::thread::Builder::new()
        .name("notification".into())
        .spawn(move || show(&summary, &body, failure));
    if let Err(e) = spawned {
        tracing::warn!("could not start a thread to show a notification: {e}");
    }
}

fn show(summary: &str, body: &str, failure: bool) {
    let mut notification = Notification::new();
    notification
        .appname("Sheetsafe")
        .summary(summary)
        .body(body)
        .timeout(if failure { Timeout::Never } else { Timeout::Default });
    #[cfg(not(target_os = "macos"))]
    notification.urgency(if failure {
        notify_rust::Urgency::Critical
    } else {
        notify_rust::Urgency::Normal
    });
    // Icon names from the freedesktop icon theme; other systems show the app's own icon.
    #[cfg(all(unix, not(target_os = "macos")))]
    notification.icon(if failure { "dialog-error" } else { "dialog-information" });
    match notification.show() {
        Ok(_) => tracing::debug!("notified: {summary}"),
        Err(e) => tracing::warn!("could not show the notification \"{summary}\": {e}"),
    }
}
