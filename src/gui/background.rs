//! Work off the executor, and the hosted agent's news as a subscription.
//!
//! iced runs every `Task` future on one executor thread, the same one that draws the window and
//! answers the tray. A backup, a full check or a look at an unplugged share can block for
//! seconds or minutes, so blocking work goes to the blocking thread pool ([`run`]) and only its
//! result comes back as a message. The agent the app hosts tells the app of every change of its
//! status through [`AgentHandle::listen`]; [`agent_changes`] turns that into a subscription, so
//! the tray and window follow a backup within moments without reading a file on a timer.

use std::hash::{Hash, Hasher};

use iced::futures::channel::mpsc;
use iced::futures::{SinkExt as _, Stream, StreamExt as _};
use iced::{Subscription, Task};
use sheetsafe::agent::AgentHandle;

/// Runs `work` on the blocking pool and turns its result into a message.
pub fn run<T, M>(work: impl FnOnce() -> T + Send + 'static, to_message: impl FnOnce(T) -> M + Send + 'static) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    Task::perform(blocking::unblock(work), to_message)
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
