//! The tray icon: a green, amber or red disc (drawn here, so no image files ship) whose menu
//! opens the window, backs up or verifies everything, pauses backups and quits.
//!
//! Where and when to create it differs per system, because `tray-icon` follows each system's
//! rules:
//! - **Windows**: the icon belongs to the thread that creates it and needs a running message
//!   loop there; create it on the main thread once iced's event loop runs (in `update`, e.g. on
//!   the first `WindowOpened`), never in `boot` or on another thread.
//! - **macOS**: the same, and additionally only after the application has finished launching,
//!   which the first window event guarantees.
//! - **Linux** (the `ksni` backend, no GTK): the icon is a StatusNotifierItem served over the
//!   session D-Bus from a thread of its own. Creation fails only when there is no session bus
//!   (`Err`, the caller logs it and carries on without a tray). When no panel
//!   (StatusNotifierWatcher) is running yet, creation succeeds and the item registers itself as
//!   soon as one appears, so a panel started after Sheetsafe still shows it.
//!
//! `Tray` holds reference-counted, single-threaded handles, so it must stay on the thread that
//! made it (iced's `update` always runs there). Clicks arrive through [`actions`].

use std::sync::{Mutex, Once, PoisonError};

use iced::Subscription;
use iced::futures::Stream;
use iced::futures::channel::mpsc;
use sheetsafe::i18n::Translator;
use sheetsafe::status::Level;
use tray_icon::menu::{Menu, MenuEvent, MenuId, MenuItem, PredefinedMenuItem};
use tray_icon::{Icon, MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};

/// What the user asked for through the tray.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    BackUpAll,
    VerifyAll,
    Pause,
    Resume,
    Quit,
}

/// Menu item ids. Fixed strings rather than generated ids, so a click can be mapped back to an
/// action anywhere (the handler runs on tray-icon's thread) without sharing the items.
const ID_OPEN: &str = "sheetsafe-open";
const ID_BACKUP_ALL: &str = "sheetsafe-backup-all";
const ID_VERIFY_ALL: &str = "sheetsafe-verify-all";
const ID_PAUSE: &str = "sheetsafe-pause";
const ID_RESUME: &str = "sheetsafe-resume";
const ID_QUIT: &str = "sheetsafe-quit";

/// Where the Pause / Resume entry sits: after Open, a separator, Back up and Verify.
const PAUSE_POSITION: usize = 4;

/// Side of the drawn icon in pixels. Every system scales tray pixmaps to its own size; 32 stays
/// sharp at the common 16–24 px and on high-density screens.
const ICON_SIZE: u32 = 32;

/// The tray icon and its menu.
pub struct Tray {
    icon: TrayIcon,
    menu: Menu,
    open: MenuItem,
    backup_all: MenuItem,
    verify_all: MenuItem,
    pause: MenuItem,
    resume: MenuItem,
    quit: MenuItem,
    level: Option<Level>,
    tooltip: String,
    paused: bool,
}

impl std::fmt::Debug for Tray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tray")
            .field("level", &self.level)
            .field("tooltip", &self.tooltip)
            .field("paused", &self.paused)
            .finish_non_exhaustive()
    }
}

impl Tray {
    /// Creates the icon (amber until the first [`Tray::update`]) with its menu: Open Sheetsafe,
    /// Back up all now, Verify all, Pause for 1 hour (or Resume), Quit. See the module docs for
    /// the thread and timing this must be called on. The error is a phrase without a final
    /// full stop, for the caller to put into its log line.
    pub fn new(t: &Translator) -> Result<Tray, String> {
        let open = MenuItem::with_id(ID_OPEN, t.tr("tray-open"), true, None);
        let backup_all = MenuItem::with_id(ID_BACKUP_ALL, t.tr("tray-backup-all"), true, None);
        let verify_all = MenuItem::with_id(ID_VERIFY_ALL, t.tr("tray-verify-all"), true, None);
        let pause = MenuItem::with_id(ID_PAUSE, t.tr("tray-pause"), true, None);
        let resume = MenuItem::with_id(ID_RESUME, t.tr("tray-resume"), true, None);
        let quit = MenuItem::with_id(ID_QUIT, t.tr("tray-quit"), true, None);
        let menu = Menu::new();
        menu.append_items(&[
            &open,
            &PredefinedMenuItem::separator(),
            &backup_all,
            &verify_all,
            &pause,
            &PredefinedMenuItem::separator(),
            &quit,
        ])
        .map_err(|e| format!("The tray menu could not be built: {e}"))?;
        let tooltip = t.tr("app-name");
        let builder = TrayIconBuilder::new()
            .with_id("sheetsafe")
            .with_menu(Box::new(menu.clone()))
            .with_tooltip(&tooltip)
            .with_icon(icon_for(Level::Attention)?);
        // On Windows the convention is: left click opens the app, right click shows the menu.
        // macOS shows the menu on any click, whose first entry opens the window.
        #[cfg(target_os = "windows")]
        let builder = builder.with_menu_on_left_click(false);
        // The StatusNotifierItem title is what Linux panels read out and list; on macOS a title
        // would be drawn as text next to the icon in the menu bar, so it is left out there.
        #[cfg(all(unix, not(target_os = "macos")))]
        let builder = builder.with_title(t.tr("app-name"));
        let icon = builder.build().map_err(|e| {
            if cfg!(all(unix, not(target_os = "macos"))) {
                format!("The tray icon could not be created (it needs the desktop session's D-Bus): {e}")
            } else {
                format!("The tray icon could not be created: {e}")
            }
        })?;
        Ok(Tray {
            icon,
            menu,
            open,
            backup_all,
            verify_all,
            pause,
            resume,
            quit,
            level: Some(Level::Attention),
            tooltip,
            paused: false,
        })
    }

    /// Shows `level` as the icon's colour, `tooltip` on hover, and offers Resume instead of
    /// Pause while `paused`. Only what changed is sent to the system.
    pub fn update(&mut self, level: Level, tooltip: &str, paused: bool) {
        if self.level != Some(level) {
            match icon_for(level) {
                Ok(icon) => match self.icon.set_icon(Some(icon)) {
                    Ok(()) => self.level = Some(level),
                    Err(e) => tracing::warn!("could not change the tray icon: {e}"),
                },
                Err(e) => tracing::warn!("{e}"),
            }
        }
        if self.tooltip != tooltip {
            match self.icon.set_tooltip(Some(tooltip)) {
                Ok(()) => tooltip.clone_into(&mut self.tooltip),
                Err(e) => tracing::warn!("could not change the tray tooltip: {e}"),
            }
        }
        if self.paused != paused {
            // Two items with their own ids rather than one relabelled item: a click then says
            // by itself whether it meant Pause or Resume, even if it crosses a state change.
            let (out, into) = if paused {
                (&self.pause, &self.resume)
            } else {
                (&self.resume, &self.pause)
            };
            let swapped = self
                .menu
                .remove(out)
                .and_then(|()| self.menu.insert(into, PAUSE_POSITION));
            match swapped {
                Ok(()) => self.paused = paused,
                Err(e) => tracing::warn!("could not switch the tray's pause entry: {e}"),
            }
        }
    }

    /// Re-labels the menu after a language change.
    pub fn relabel(&mut self, t: &Translator) {
        self.open.set_text(t.tr("tray-open"));
        self.backup_all.set_text(t.tr("tray-backup-all"));
        self.verify_all.set_text(t.tr("tray-verify-all"));
        self.pause.set_text(t.tr("tray-pause"));
        self.resume.set_text(t.tr("tray-resume"));
        self.quit.set_text(t.tr("tray-quit"));
        #[cfg(all(unix, not(target_os = "macos")))]
        self.icon.set_title(Some(t.tr("app-name")));
    }
}

/// Menu clicks and clicks on the icon, as a subscription. Only one is live at a time: a newer
/// one takes the events from an older one.
pub fn actions() -> Subscription<TrayAction> {
    Subscription::run(action_stream)
}

/// Where the tray's event handlers deliver to: the stream of the live subscription.
static SINK: Mutex<Option<mpsc::UnboundedSender<TrayAction>>> = Mutex::new(None);
static HANDLERS: Once = Once::new();

fn action_stream() -> impl Stream<Item = TrayAction> {
    let (sender, receiver) = mpsc::unbounded();
    *SINK.lock().unwrap_or_else(PoisonError::into_inner) = Some(sender);
    // tray-icon accepts one handler per process, set once. Handlers rather than its channels
    // because a handler wakes iced's executor the moment a click arrives, with no thread
    // blocking on a channel and no polling.
    HANDLERS.call_once(|| {
        MenuEvent::set_event_handler(Some(|event: MenuEvent| forward(action_for_menu(event.id()))));
        TrayIconEvent::set_event_handler(Some(|event: TrayIconEvent| forward(action_for_icon(&event))));
        // Clicks made before the first subscription went to tray-icon's channels; keep them.
        while let Ok(event) = MenuEvent::receiver().try_recv() {
            forward(action_for_menu(event.id()));
        }
        while let Ok(event) = TrayIconEvent::receiver().try_recv() {
            forward(action_for_icon(&event));
        }
    });
    receiver
}

fn forward(action: Option<TrayAction>) {
    let Some(action) = action else { return };
    let sink = SINK.lock().unwrap_or_else(PoisonError::into_inner);
    let delivered = sink.as_ref().is_some_and(|s| s.unbounded_send(action).is_ok());
    if !delivered {
        tracing::warn!("tray action {action:?} arrived while the app was not listening");
    }
}

fn action_for_menu(id: &MenuId) -> Option<TrayAction> {
    match id.as_ref() {
        ID_OPEN => Some(TrayAction::Open),
        ID_BACKUP_ALL => Some(TrayAction::BackUpAll),
        ID_VERIFY_ALL => Some(TrayAction::VerifyAll),
        ID_PAUSE => Some(TrayAction::Pause),
        ID_RESUME => Some(TrayAction::Resume),
        ID_QUIT => Some(TrayAction::Quit),
        _ => None,
    }
}

/// A left click on the icon opens the window (Linux panels call this "activate"); hovering and
/// other buttons do nothing, the system shows the menu on right click by itself.
fn action_for_icon(event: &TrayIconEvent) -> Option<TrayAction> {
    match event {
        TrayIconEvent::Click {
            button: MouseButton::Left,
            button_state: MouseButtonState::Up,
            ..
        } => Some(TrayAction::Open),
        _ => None,
    }
}

/// The icon for `level`: a disc in the level's colour with a white mark, so the three states
/// differ in shape too (a tick, an exclamation mark, a cross) for people who cannot tell green
/// from red.
fn icon_for(level: Level) -> Result<Icon, String> {
    Icon::from_rgba(draw(level, ICON_SIZE), ICON_SIZE, ICON_SIZE)
        .map_err(|e| format!("The tray icon could not be drawn: {e}"))
}

/// A line from one point to another, in a square of side 1.
type Segment = ((f32, f32), (f32, f32));

/// RGBA pixels of the icon, anti-aliased by coverage of each pixel's centre.
fn draw(level: Level, size: u32) -> Vec<u8> {
    let (fill, rim): ([f32; 3], [f32; 3]) = match level {
        Level::Ok => ([46.0, 158.0, 79.0], [30.0, 110.0, 54.0]),
        Level::Attention => ([232.0, 163.0, 23.0], [170.0, 112.0, 0.0]),
        Level::Failed => ([208.0, 52.0, 44.0], [150.0, 30.0, 24.0]),
    };
    // The mark in a 0..1 square, as thick line segments.
    let segments: &[Segment] = match level {
        Level::Ok => &[((0.28, 0.52), (0.44, 0.68)), ((0.44, 0.68), (0.73, 0.35))],
        Level::Attention => &[((0.5, 0.25), (0.5, 0.58)), ((0.5, 0.75), (0.5, 0.75))],
        Level::Failed => &[((0.32, 0.32), (0.68, 0.68)), ((0.68, 0.32), (0.32, 0.68))],
    };
    #[allow(clippy::cast_precision_loss)] // icon sizes are tiny
    let s = size as f32;
    let radius = s / 2.0 - 0.5;
    let rim_width = s / 16.0;
    let half_stroke = s * 0.075;
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            #[allow(clippy::cast_precision_loss)]
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let from_centre = ((px - s / 2.0).powi(2) + (py - s / 2.0).powi(2)).sqrt();
            let disc = (radius - from_centre + 0.5).clamp(0.0, 1.0);
            let in_rim = (from_centre - (radius - rim_width) + 0.5).clamp(0.0, 1.0);
            let to_mark = segments
                .iter()
                .map(|&((ax, ay), (bx, by))| distance_to_segment((px, py), (ax * s, ay * s), (bx * s, by * s)))
                .fold(f32::INFINITY, f32::min);
            let mark = (half_stroke - to_mark + 0.5).clamp(0.0, 1.0);
            for c in 0..3 {
                let base = fill[c] + (rim[c] - fill[c]) * in_rim;
                let value = base + (255.0 - base) * mark;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=255
                pixels.push(value.round().clamp(0.0, 255.0) as u8);
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            pixels.push((disc * 255.0).round() as u8);
        }
    }
    pixels
}

/// Distance from `p` to the segment from `a` to `b` (also draws the window's icon).
pub(super) fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length_squared).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(pixels: &[u8], size: u32, x: u32, y: u32) -> [u8; 4] {
        let at = ((y * size + x) * 4) as usize;
        [pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]]
    }

    #[test]
    fn each_level_is_its_own_colour_with_transparent_corners() {
        let size = ICON_SIZE;
        let sample = |level| pixel(&draw(level, size), size, size / 6, size / 2);
        let [r, g, b, a] = sample(Level::Ok);
        assert!(g > r && g > b && a == 255, "green: {r} {g} {b} {a}");
        let [r, g, b, a] = sample(Level::Attention);
        assert!(r > 200 && g > 120 && b < 60 && a == 255, "amber: {r} {g} {b} {a}");
        let [r, g, b, a] = sample(Level::Failed);
        assert!(r > 180 && g < 80 && b < 80 && a == 255, "red: {r} {g} {b} {a}");
        for level in [Level::Ok, Level::Attention, Level::Failed] {
            let pixels = draw(level, size);
            assert_eq!(pixels.len(), (size * size * 4) as usize);
            assert_eq!(pixel(&pixels, size, 0, 0)[3], 0, "{level:?} corner is transparent");
        }
    }

    #[test]
    fn each_level_has_a_white_mark_of_its_own_shape() {
        let size = ICON_SIZE;
        let white = |level, x, y| pixel(&draw(level, size), size, x, y)[..3].iter().all(|&c| c > 240);
        // The exclamation mark's stem and the cross's centre are in the middle column; the
        // tick's corner is low and left of the middle.
        assert!(white(Level::Attention, 16, 12));
        assert!(white(Level::Failed, 16, 16));
        assert!(!white(Level::Ok, 16, 12));
        assert!(white(Level::Ok, 14, 21));
        assert!(!white(Level::Failed, 16, 12));
    }

    #[test]
    fn every_menu_id_maps_to_its_action_and_others_to_none() {
        for (id, action) in [
            (ID_OPEN, TrayAction::Open),
            (ID_BACKUP_ALL, TrayAction::BackUpAll),
            (ID_VERIFY_ALL, TrayAction::VerifyAll),
            (ID_PAUSE, TrayAction::Pause),
            (ID_RESUME, TrayAction::Resume),
            (ID_QUIT, TrayAction::Quit),
        ] {
            assert_eq!(action_for_menu(&MenuId::new(id)), Some(action));
        }
        assert_eq!(action_for_menu(&MenuId::new("something-else")), None);
    }

    #[test]
    fn a_left_click_on_the_icon_opens_and_other_buttons_do_not() {
        let click = |button, button_state| TrayIconEvent::Click {
            id: tray_icon::TrayIconId::new("sheetsafe"),
            position: tray_icon::dpi::PhysicalPosition::new(0.0, 0.0),
            rect: tray_icon::Rect::default(),
            button,
            button_state,
        };
        assert_eq!(
            action_for_icon(&click(MouseButton::Left, MouseButtonState::Up)),
            Some(TrayAction::Open)
        );
        assert_eq!(action_for_icon(&click(MouseButton::Left, MouseButtonState::Down)), None);
        assert_eq!(action_for_icon(&click(MouseButton::Right, MouseButtonState::Up)), None);
    }
}
