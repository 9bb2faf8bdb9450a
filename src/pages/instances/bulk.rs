//! Bulk actions over the selected instances.

use std::collections::HashSet;

use compute_api::rules::{partition, Operation};
use leptos::prelude::*;

use crate::actions::{plain_request, ActionRunner, BulkLine, BulkTarget};
use crate::components::action_bar::denied_text;
use crate::components::dialog::{DialogButtons, Modal};
use crate::i18n::{use_i18n, Msg};
use crate::lazy::{lazy_part, Deferred};
use crate::operations::{bulk_operations, operation_msg};
use crate::store::expect_store;

/// Before sending: which selected instances the action is not allowed for, and why; delete of
/// several asks for their count. After: one line per instance. Requests go one at a time and
/// are never retried; closing the dialog (or signing out) stops the run.
#[component]
fn BulkDialog(
    op: Operation,
    selected: RwSignal<HashSet<String>>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The dialog owns the run: it ends when the dialog closes.
    let actions = ActionRunner::new();
    let store = expect_store();
    let chosen: Vec<_> = selected.with_untracked(|sel| {
        store.servers.set.with_untracked(|set| {
            set.rows()
                .iter()
                .filter(|r| sel.contains(&r.server.id))
                .map(|r| (*r.server).clone())
                .collect()
        })
    });
    let (allowed, denied) = partition(op, &chosen);
    let label = |s: &compute_api::server::Server| s.display_name().to_string();
    let targets: Vec<BulkTarget> = allowed
        .iter()
        .filter_map(|s| {
            Some(BulkTarget {
                id: s.id.clone(),
                name: label(s),
                request: plain_request(op, &s.id)?,
            })
        })
        .collect();
    let denied_lines: Vec<(String, compute_api::rules::Denied)> =
        denied.into_iter().map(|(s, d)| (label(s), d)).collect();
    let count = targets.len();
    let typed = RwSignal::new(String::new());
    let needs_count = op == Operation::Delete && count > 1;
    let ready = Signal::derive(move || {
        count > 0 && (!needs_count || typed.get().trim() == count.to_string())
    });
    let results = RwSignal::new(None::<Vec<BulkLine>>);
    let sending = RwSignal::new(false);
    let send = move || {
        if !ready.get_untracked() || sending.get_untracked() {
            return;
        }
        sending.set(true);
        let targets = targets.clone();
        actions.send_each(op, targets, move |lines| {
            results.set(Some(lines));
            sending.set(false);
            selected.set(HashSet::new());
        });
    };
    let title = Signal::derive(move || i18n.t(operation_msg(op)).to_string());
    view! {
        <Modal title on_close=close>
            {move || match results.get() {
                Some(lines) => view! {
                    <h3>{i18n.text(Msg::BulkResults)}</h3>
                    <ul class="plain-list">
                        {lines.into_iter().map(|(name, outcome)| {
                            let ok = outcome.is_ok();
                            view! {
                                <li data-testid="bulk-result" data-ok=ok.to_string()>
                                    <strong>{name}</strong> ": "
                                    {match outcome {
                                        Ok(()) => i18n.t(Msg::BulkDone).to_string(),
                                        Err(e) => e.message().to_string(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <div class="modal-buttons">
                        <button type="button" data-testid="confirm-cancel" on:click=move |_| close.run(())>
                            {i18n.text(Msg::Close)}
                        </button>
                    </div>
                }.into_any(),
                None => {
                    let denied_lines = denied_lines.clone();
                    view! {
                        {(!denied_lines.is_empty()).then(|| view! {
                            <p>{i18n.text(Msg::BulkNotAllowed)}</p>
                            <ul class="plain-list" data-testid="bulk-denied">
                                {denied_lines.into_iter().map(|(name, why)| view! {
                                    <li><strong>{name}</strong> ": " {move || denied_text(i18n.lang(), &why)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        <p data-testid="bulk-count">{move || i18n.t(Msg::BulkWillSend).replace("{n}", &count.to_string())}</p>
                        {needs_count.then(|| view! {
                            <label>
                                {move || i18n.t(Msg::BulkTypeCount).replace("{n}", &count.to_string())}
                                <input
                                    type="text"
                                    inputmode="numeric"
                                    data-testid="bulk-confirm-count"
                                    prop:value=move || typed.get()
                                    on:input=move |ev| typed.set(event_target_value(&ev))
                                />
                            </label>
                        })}
                        <DialogButtons on_cancel=close on_ok=Callback::new({let send = send.clone(); move |()| send()}) ready busy=sending danger=true />
                    }.into_any()
                }
            }}
        </Modal>
    }
}

/// What the bulk dialog is opened with.
#[derive(Clone)]
pub struct BulkInput {
    pub op: Operation,
    pub selected: RwSignal<HashSet<String>>,
    pub close: Callback<()>,
}

lazy_part!(
    /// The bulk dialog's code, loaded when a bulk action is first chosen.
    pub bulk_dialog_code,
    cc_bulk_dialog,
    fn(BulkInput) -> AnyView,
    |input: BulkInput| {
        view! { <BulkDialog op=input.op selected=input.selected close=input.close /> }.into_any()
    }
);

/// The bulk bar: one button per bulk operation, enabled while instances are selected, and its
/// dialog (loaded on first use).
#[component]
pub fn BulkBar(selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let list = expect_store().servers;
    let bulk = RwSignal::new(None::<Operation>);
    view! {
        <div class="bulk-bar" role="toolbar" aria-label=i18n.text(Msg::Actions)>
            {bulk_operations()
                .map(|(op, testid)| {
                    view! {
                        <button
                            type="button"
                            data-testid=testid
                            disabled=move || selected.with(HashSet::is_empty)
                            on:click=move |_| bulk.set(Some(op))
                        >
                            {i18n.text(operation_msg(op))}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || bulk.get().map(|op| {
            // Closed, even halfway through a run: the list catches up with what was sent.
            let close = Callback::new(move |_: ()| {
                bulk.set(None);
                list.refresh_changes();
            });
            view! { <Deferred code=bulk_dialog_code input=BulkInput { op, selected, close } /> }
        })}
    }
}
