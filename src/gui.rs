//! The desktop app: a window with the first-run wizard, the overview, profile settings and
//! history, plus a tray icon that keeps the agent (and so backup on close) running after the
//! window is closed. Built on iced with the Elm architecture: `app` is the root, each screen is
//! a module under `screen` with its own `Message` and the `Event`s it hands up.
//!
//! Everything here is presentation; the work is done by the library.

mod app;
mod autostart;
mod background;
mod dialogs;
mod failure;
mod fmt;
mod icon;
mod instance;
mod keys;
mod notifications;
mod screen;
mod tasks;
#[cfg(test)]
mod tests;
mod tray;

use std::process::ExitCode;

use sheetsafe::paths::Paths;

pub use app::Show;

/// Opens the app (in the tray only, with `background`), or brings the running one forward.
/// `None` when no window can be opened at all (no display): the caller shows the status as
/// text instead.
pub fn run(paths: &Paths, show: Option<Show>, background: bool) -> anyhow::Result<Option<ExitCode>> {
    // winit panics when it finds no display instead of returning an error, so a shell without a
    // desktop session (ssh, a server, a service) is recognised here, before it is asked.
    if no_desktop_session() {
        eprintln!(
            "sheetsafe: could not open a window (this session has no desktop: neither DISPLAY nor WAYLAND_DISPLAY is set); showing the status instead. `sheetsafe --help` lists the commands."
        );
        return Ok(None);
    }
    let guard = match instance::acquire(&paths.data_dir) {
        instance::Instance::First(guard) => guard,
        // Start at login with the app already running (started by hand first): nothing to do.
        instance::Instance::Running if background && show.is_none() => {
            println!("Sheetsafe is already running.");
            return Ok(Some(ExitCode::SUCCESS));
        }
        instance::Instance::Running => {
            let screen = show.as_ref().map(Show::as_arg);
            instance::ask_running_instance_to_show(&paths.data_dir, screen.as_deref())?;
            println!("Sheetsafe is already running; its window has been brought forward.");
            return Ok(Some(ExitCode::SUCCESS));
        }
    };
    let app_paths = paths.clone();
    let result = iced::daemon(
        move || app::App::boot(&app_paths, show.as_ref(), background),
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .subscription(app::App::subscription)
    .theme(app::App::theme)
    .font(screen::FONT_FILES[0])
    .font(screen::FONT_FILES[1])
    .default_font(screen::FONT)
    .run();
    drop(guard);
    match result {
        Ok(()) => Ok(Some(ExitCode::SUCCESS)),
        // No display (a remote shell, a server): say so and show the status as text instead.
        Err(e) => {
            eprintln!(
                "sheetsafe: could not open a window ({e}); showing the status instead. `sheetsafe --help` lists the commands."
            );
            Ok(None)
        }
    }
}

/// True on Linux and the BSDs when neither an X11 nor a Wayland display is named: no window can
/// open. Windows and macOS always have their desktop.
fn no_desktop_session() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
}
