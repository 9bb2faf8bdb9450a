//! The action bar of an instance: one button per operation, enabled exactly when
//! [`compute_api::rules::check`] allows it; a disabled button says why.

use compute_api::rules::{check, Denied, Operation, ServerFacts};
use compute_api::server::Server;
use compute_api::ServerStatus;
use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::operations::{bar_operations, operation_msg, operation_testid, spec};

fn or_list(lang: Lang, statuses: &[ServerStatus]) -> String {
    let names: Vec<&str> = statuses.iter().map(ServerStatus::as_str).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), tr(lang, Msg::OrWord)),
    }
}

/// Why an operation is refused, in a language.
pub fn denied_text(lang: Lang, denied: &Denied) -> String {
    match denied {
        Denied::WrongStatus {
            operation,
            needs,
            actual,
        } => {
            let op = tr(lang, operation_msg(*operation));
            let template = if matches!(operation, Operation::Rename | Operation::Delete) {
                Msg::DeniedNotWhile
            } else {
                Msg::DeniedNeeds
            };
            tr(lang, template)
                .replace("{op}", op)
                .replace("{needs}", &or_list(lang, needs))
                .replace("{actual}", actual.as_str())
        }
        Denied::TaskInProgress { operation, task } => tr(lang, Msg::DeniedBusy)
            .replace("{op}", tr(lang, operation_msg(*operation)))
            .replace("{task}", task),
        Denied::NotU2 => tr(lang, Msg::DeniedNotU2).to_string(),
        Denied::NoSecurityGroups => tr(lang, Msg::DeniedNoSg).to_string(),
        Denied::NoVolumes => tr(lang, Msg::DeniedNoVolumes).to_string(),
        Denied::RootVolume => tr(lang, Msg::DeniedRootVolume).to_string(),
    }
}

/// One button per operation of the bar (`crate::operations`). Every button is disabled while `pending`
/// holds an operation, so a request is never sent twice.
#[component]
pub fn ActionBar(
    /// The instance as last read (`None`: not read yet, everything disabled).
    #[prop(into)]
    server: Signal<Option<Server>>,
    /// Whether its flavor is U2 (`None`: not known, create image is not refused for it).
    #[prop(into, optional)]
    flavor_is_u2: Signal<Option<bool>>,
    /// The operation whose request is in flight, if any.
    #[prop(into, optional)]
    pending: Signal<Option<Operation>>,
    /// Called with the operation of the clicked button.
    on_action: Callback<Operation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let buttons = bar_operations()
        .map(|op| {
            // `Err(None)`: nothing to judge yet.
            let verdict = Memo::new(move |_| {
                let u2 = flavor_is_u2.get();
                server.with(|s| match s {
                    Some(s) => check(op, &ServerFacts::from_server(s, u2)).map_err(Some),
                    None => Err(None),
                })
            });
            let reason = move || {
                verdict
                    .get()
                    .err()
                    .flatten()
                    .map(|denied| denied_text(i18n.lang(), &denied))
            };
            let danger = spec(op).danger;
            view! {
                <span
                    class="action"
                    class:denied=move || verdict.get().is_err()
                    tabindex=move || verdict.get().is_err().then_some("0")
                    title=reason
                >
                    <button
                        type="button"
                        class:danger=danger
                        data-testid=operation_testid(op)
                        disabled=move || verdict.get().is_err() || pending.get().is_some()
                        aria-busy=move || (pending.get() == Some(op)).then_some("true")
                        on:click=move |_| {
                            if verdict.get_untracked().is_ok() && pending.get_untracked().is_none() {
                                on_action.run(op);
                            }
                        }
                    >
                        {i18n.text(operation_msg(op))}
                    </button>
                    {move || reason().map(|why| view! { <span class="why" role="note">{why}</span> })}
                </span>
            }
        })
        .collect_view();
    view! {
        <div class="action-bar" role="toolbar" aria-label=i18n.text(Msg::Actions)>
            {buttons}
        </div>
    }
}
