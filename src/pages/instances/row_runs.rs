//! The row menus' actions: requests in flight and the last refusal are the runner's; the rows
//! followed until they settle (even with auto-refresh off) and a confirmation waiting are the
//! page's.

use std::collections::HashSet;

use compute_api::refresh;
use compute_api::rules::Operation;
use leptos::prelude::*;

use crate::actions::{plain_request, ActionRunner};
use crate::components::ConfirmDialog;
use crate::i18n::{use_i18n, Msg};
use crate::operations::{confirmation, needs_confirmation};
use crate::store::ServerList;

/// A confirmation waiting: the instance's id and name, and the operation.
type Waiting = (String, String, Operation);

#[derive(Clone, Copy)]
pub struct RowRuns {
    pub actions: ActionRunner,
    /// The rows sent an action and not settled yet.
    pub following: RwSignal<HashSet<String>>,
    waiting: RwSignal<Option<Waiting>>,
    list: ServerList,
}

impl RowRuns {
    /// Owned by the list page (call it in its body).
    pub fn new(list: ServerList) -> Self {
        let runs = Self {
            actions: ActionRunner::new(),
            following: RwSignal::new(HashSet::new()),
            waiting: RwSignal::new(None),
            list,
        };
        // A followed row is let go once the list shows it settled (or gone).
        Effect::new(move |_| {
            list.set.with(|set| {
                let settled = |id: &String| {
                    set.get(id)
                        .is_none_or(|s| !refresh::needs_refresh(std::slice::from_ref(s)))
                };
                if runs.following.with_untracked(|f| f.iter().any(settled)) {
                    runs.following.update(|f| f.retain(|id| !settled(id)));
                }
            });
        });
        runs
    }

    /// A row menu's choice: sent at once, or after its confirmation.
    pub fn choose(self, id: String, op: Operation) {
        if needs_confirmation(op) {
            let name = self
                .list
                .set
                .with_untracked(|set| set.get(&id).map(|s| s.display_name().to_string()));
            self.waiting.set(Some((id.clone(), name.unwrap_or(id), op)));
        } else {
            self.send(id, op);
        }
    }

    /// Sends the operation once; an accepted one is followed until the row settles.
    fn send(self, id: String, op: Operation) {
        let Some(request) = plain_request(op, &id) else {
            return;
        };
        let followed = id.clone();
        self.actions.send(id, op, request, move |outcome| {
            if outcome.is_ok() {
                self.following.update(|f| {
                    f.insert(followed);
                });
            }
        });
    }
}

/// The confirmation of a row menu's choice, naming the instance, while one waits.
#[component]
pub fn RowConfirmDialog(runs: RowRuns) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        runs.waiting.get().map(|(id, name, op)| {
            let template = confirmation(op).unwrap_or(Msg::ConfirmTitle);
            let message = Signal::derive(move || i18n.t(template).replace("{name}", &name));
            let on_ok = Callback::new(move |_: ()| {
                runs.waiting.set(None);
                runs.send(id.clone(), op);
            });
            let on_cancel = Callback::new(move |_: ()| runs.waiting.set(None));
            view! { <ConfirmDialog message on_ok on_cancel /> }
        })
    }
}
