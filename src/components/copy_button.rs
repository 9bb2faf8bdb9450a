//! A button that puts a text on the clipboard and says whether it worked.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Message, ResourcesMsg as R};
use crate::tasks::TaskScope;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Done,
    Failed,
}

/// Copies `text` (as it is when clicked) with `navigator.clipboard.writeText`.
#[component]
pub fn CopyButton<M: Message>(
    #[prop(into)] text: Signal<String>,
    label: M,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(None::<Copied>);
    let tasks = TaskScope::new();
    let copy = move |_| {
        let text = text.get_untracked();
        copied.set(None);
        tasks.spawn(async move {
            let clipboard = window().navigator().clipboard();
            let outcome = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            copied.set(Some(if outcome.is_ok() {
                Copied::Done
            } else {
                Copied::Failed
            }));
        });
    };
    view! {
        <button type="button" data-testid=testid on:click=copy>
            {i18n.text(label)}
        </button>
        {move || {
            copied
                .get()
                .map(|c| match c {
                    Copied::Done => view! { <span class="notice" role="status">{i18n.text(R::Copied)}</span> }.into_any(),
                    Copied::Failed => view! { <span class="field-error" role="alert">{i18n.text(R::CopyFailed)}</span> }.into_any(),
                })
        }}
    }
}
