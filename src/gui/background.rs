//! Work off the executor, and the hosted agent's news as a subscription.
//!
//! iced runs every `Task` future on one executor thread, the same one that draws the window and
//! answers the tray. A backup, a full check or a look at an unplugged share can block for
//! seconds or minutes, so blocking work goes to the blocking thread pool ([`run`]) and only its
//! result comes back as a message. The agent the app hosts tells the app of every change of its
//! status through [`AgentHandle::listen`]; [`agent_changes`] turns that into a subscription, so
//! the tray and window follow a backup within moments without reading a file on a timer.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use iced::futures::channel::mpsc;
use iced::futures::future::{Either, select};
use iced::futures::{SinkExt as _, Stream, StreamExt as _};
use iced::{Subscription, Task};
use sheetsafe::agent::AgentHandle;
use sheetsafe::progress::{CancelSwitch, Progress, ProgressEvent};

/// Runs `work` on the blocking pool and turns its result into a message. The work starts when
/// iced runs the task, not when the task is made (`blocking::unblock` on its own starts at once):
/// a task that is never run, or dropped, does nothing.
pub fn run<T, M>(work: impl FnOnce() -> T + Send + 'static, to_message: impl FnOnce(T) -> M + Send + 'static) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    Task::perform(async move { blocking::unblock(work).await }, to_message)
}

/// Where long work stands, for a card and the tray: the file being read and how far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub file: PathBuf,
    pub bytes: u64,
    pub total: u64,
    /// Files finished so far.
    pub files: usize,
    /// Time spent on this file so far, for "about a minute left".
    pub elapsed: Duration,
}

/// Runs `work` on the blocking pool, handing it a [`Progress`] whose news arrive as
/// `on_progress` messages (at most ten a second: a progress event comes per 1 MiB read), and
/// its result as `on_done`. Flipping `cancel` makes the work stop at its next chunk (it then
/// ends with its own "cancelled" result, which still arrives as `on_done`).
pub fn run_with_progress<T, M>(
    work: impl FnOnce(&dyn Progress) -> T + Send + 'static,
    cancel: CancelSwitch,
    on_progress: impl Fn(Done) -> M + Send + 'static,
    on_done: impl FnOnce(T) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let messages = iced::stream::channel(16, async move |mut output: mpsc::Sender<M>| {
        let (sender, mut news) = mpsc::unbounded::<Done>();
        let mut work = Box::pin(blocking::unblock(move || work(&Throttled::new(sender, cancel))));
        let result = loop {
            match select(news.next(), work).await {
                Either::Left((Some(done), pending)) => {
                    work = pending;
                    // Nobody listens any more (the screen went): the work still finishes.
                    let _ = output.send(on_progress(done)).await;
                }
                Either::Left((None, pending)) => break pending.await,
                Either::Right((result, _)) => break result,
            }
        };
        let _ = output.send(on_done(result)).await;
    });
    Task::run(messages, |message| message)
}

/// Turns progress events into [`Done`] news, no more than one per tenth of a second.
struct Throttled {
    sender: mpsc::UnboundedSender<Done>,
    /// Where the work stands, when news was last sent, and when the current file began.
    state: Mutex<(Done, Option<Instant>, Instant)>,
    cancel: CancelSwitch,
}

impl Throttled {
    fn new(sender: mpsc::UnboundedSender<Done>, cancel: CancelSwitch) -> Self {
        let start = Done {
            file: PathBuf::new(),
            bytes: 0,
            total: 0,
            files: 0,
            elapsed: Duration::ZERO,
        };
        Throttled {
            sender,
            state: Mutex::new((start, None, Instant::now())),
            cancel,
        }
    }
}

impl Progress for Throttled {
    fn cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    fn report(&self, event: ProgressEvent) {
        let Ok(mut state) = self.state.lock() else { return };
        let (done, last, began) = &mut *state;
        let now_or_never = match event {
            ProgressEvent::Started { file, total } => {
                *began = Instant::now();
                *done = Done {
                    file,
                    bytes: 0,
                    total,
                    files: done.files,
                    elapsed: Duration::ZERO,
                };
                true
            }
            ProgressEvent::Bytes { done: bytes, total, .. } => {
                done.bytes = bytes;
                done.total = total;
                false
            }
            ProgressEvent::Finished { .. } => {
                done.files += 1;
                done.bytes = done.total;
                true
            }
        };
        if now_or_never || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
            *last = Some(Instant::now());
            done.elapsed = began.elapsed();
            // Fails only once nobody listens (the window went); the work goes on regardless.
            let _ = self.sender.unbounded_send(done.clone());
        }
    }
}

/// The hosted agent, as the identity of its subscription: one agent per app, so every handle
/// hashes alike and the subscription lives as long as the app hosts one.
#[derive(Clone)]
struct Hosted(AgentHandle);

impl Hash for Hosted {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "sheetsafe-hosted-agent".hash(state);
    }
}

/// A message each time the hosted agent's status changes (and once at the start).
pub fn agent_changes(agent: &AgentHandle) -> Subscription<()> {
    Subscription::run_with(Hosted(agent.clone()), |hosted| changes(hosted.0.clone()))
}

fn changes(agent: AgentHandle) -> impl Stream<Item = ()> {
    iced::stream::channel(1, async move |mut output: mpsc::Sender<()>| {
        let (sender, mut changed) = mpsc::unbounded::<()>();
        // Called on the agent's thread: hand the news on and return at once.
        let listening = agent.listen(Box::new(move |_status| sender.unbounded_send(()).is_ok()));
        if !listening {
            // The agent has stopped; the timer refresh still shows what the status file says.
            std::future::pending::<()>().await;
        }
        while changed.next().await.is_some() {
            // A backup changes the status a few times in a row: one refresh for the burst.
            while changed.try_recv().is_ok() {}
            if output.send(()).await.is_err() {
                break;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_start_and_end_is_told_and_bytes_at_most_ten_times_a_second() {
        let (sender, mut news) = mpsc::unbounded();
        let progress = Throttled::new(sender, CancelSwitch::default());
        let file = PathBuf::from("Sổ bán hàng.xlsx");
        progress.report(ProgressEvent::Started {
            file: file.clone(),
            total: 1000,
        });
        for done in (1..=1000).step_by(10) {
            progress.report(ProgressEvent::Bytes {
                file: file.clone(),
                done,
                total: 1000,
            });
        }
        progress.report(ProgressEvent::Finished { file: file.clone() });
        drop(progress);
        let told: Vec<Done> = iced::futures::executor::block_on(news.by_ref().collect());
        assert_eq!(told.first().map(|d| (d.bytes, d.files)), Some((0, 0)), "the start");
        assert_eq!(
            told.last().map(|d| (&d.file, d.bytes, d.total, d.files)),
            Some((&file, 1000, 1000, 1)),
            "the end"
        );
        assert!(told.len() <= 4, "{} news for a burst of 100 reads", told.len());
    }
}
