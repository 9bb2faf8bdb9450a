//! Owned tasks: work spawned through a `TaskScope` ends with its owner, so a continuation never
//! touches a signal that went with it (in the release build, that read kills the console).

use std::cell::Cell;
use std::rc::Rc;

use compute_console::tasks::TaskScope;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen_test::*;

/// Spawns, in a fresh owner, a task that waits and then writes a signal of that owner;
/// disposes the owner first when `dispose` says so. Returns whether the continuation ran.
async fn continuation_ran(dispose: bool) -> bool {
    let ran = Rc::new(Cell::new(false));
    let owner = Owner::new();
    owner.with(|| {
        let scope = TaskScope::new();
        let written = RwSignal::new(0);
        let ran = ran.clone();
        scope.spawn(async move {
            TimeoutFuture::new(50).await;
            // After the await: the owner may be gone by now.
            written.set(1);
            ran.set(true);
        });
    });
    if dispose {
        owner.cleanup();
    }
    TimeoutFuture::new(150).await;
    ran.get()
}

#[wasm_bindgen_test]
async fn a_task_runs_to_the_end_while_its_owner_lives() {
    assert!(continuation_ran(false).await);
}

#[wasm_bindgen_test]
async fn a_task_whose_owner_went_never_continues() {
    assert!(!continuation_ran(true).await);
}

#[wasm_bindgen_test]
fn a_scope_of_a_gone_owner_spawns_nothing() {
    let owner = Owner::new();
    let scope = owner.with(TaskScope::new);
    assert!(scope.is_alive());
    owner.cleanup();
    assert!(!scope.is_alive());
}
