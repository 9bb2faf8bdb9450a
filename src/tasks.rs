//! Async work owned by what started it. A task spawned through a [`TaskScope`] is dropped,
//! never polled again, once the reactive owner the scope was made in is cleaned up (a page
//! left, a dialog closed, the signed-in shell gone on sign-out). So a continuation after an
//! `await` never reads or writes a signal that went with its owner: in the release build
//! (`panic = "abort"`) that read would kill the whole console.
//!
//! Every `spawn_local` in the console goes through here.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use leptos::prelude::*;

/// The lifetime of the reactive owner that was current when the scope was made. Copy, so
/// closures can hold it. Made once in a component's body (or a store's constructor), never in
/// a callback: a timer's callback runs under no owner, and the scope would never end.
#[derive(Clone, Copy)]
pub struct TaskScope {
    /// Disposed with the owner: its state is the owner's.
    alive: StoredValue<()>,
}

impl TaskScope {
    /// A scope for the current owner (a component's body, or a store made in one).
    pub fn new() -> Self {
        Self {
            alive: StoredValue::new(()),
        }
    }

    /// Whether the owner is still there.
    pub fn is_alive(self) -> bool {
        !self.alive.is_disposed()
    }

    /// Runs `task` until it ends or the owner goes, whichever comes first.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        if !self.is_alive() {
            return;
        }
        leptos::task::spawn_local(Owned {
            scope: self,
            task: Box::pin(task),
        });
    }
}

impl Default for TaskScope {
    fn default() -> Self {
        Self::new()
    }
}

/// A task that checks its owner before every step.
struct Owned {
    scope: TaskScope,
    task: Pin<Box<dyn Future<Output = ()>>>,
}

impl Future for Owned {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.scope.is_alive() {
            // Dropping the rest of the work is the point: the owner's signals are gone.
            return Poll::Ready(());
        }
        self.task.as_mut().poll(cx)
    }
}
