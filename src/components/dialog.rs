//! Modal dialogs: focus stays inside, Escape closes, the first control gets focus.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_i18n, Msg};

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Inputs first, else the first button (Cancel in a confirmation).
fn focus_first(root: &web_sys::HtmlElement) {
    let items = focusables(root);
    let first = items
        .iter()
        .find(|e| e.tag_name() != "BUTTON")
        .or_else(|| items.first())
        .cloned();
    if let Some(first) = first {
        let _ = first.focus();
    }
}

fn focusables(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// A modal dialog around `children`. `on_close` runs on Escape.
#[component]
pub fn Modal(
    /// The heading.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Escape.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    // What had the focus when the dialog opened gets it back when the dialog goes (if it is
    // still in the page).
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(send_wrapper::SendWrapper::new);
    on_cleanup(move || {
        if let Some(opener) = opener {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
    Effect::new(move |_| {
        if let Some(root) = node.get() {
            let root: web_sys::HtmlElement = root.unchecked_into();
            // A dialog whose code loaded on first use is built before it is in the page, and
            // focus does not move to a detached element: then once it is.
            if root.is_connected() {
                focus_first(&root);
            } else {
                request_animation_frame(move || focus_first(&root));
            }
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
            return;
        }
        if ev.key() != "Tab" {
            return;
        }
        let Some(root) = node.get_untracked() else {
            return;
        };
        let root: web_sys::HtmlElement = root.unchecked_into();
        let items = focusables(&root);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            ev.prevent_default();
            return;
        };
        let active = document().active_element();
        let at = |e: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
        };
        let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
        if ev.shift_key() && (at(first) || !inside) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && (at(last) || !inside) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    view! {
        <div class="modal-backdrop">
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby="modal-title"
                node_ref=node
                on:keydown=on_keydown
            >
                <h2 id="modal-title">{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}

/// A confirmation: the message, Cancel (`confirm-cancel`) and OK (`confirm-ok`).
#[component]
pub fn ConfirmDialog(
    /// What is about to happen, naming the instance.
    #[prop(into)]
    message: Signal<String>,
    /// Called by OK.
    on_ok: Callback<()>,
    /// Called by Cancel and Escape.
    on_cancel: Callback<()>,
    /// The confirmed request is in flight: OK is disabled so it is not sent twice.
    #[prop(into, optional)]
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(Msg::ConfirmTitle).to_string());
    view! {
        <Modal title on_close=on_cancel>
            <p class="confirm-message">{move || message.get()}</p>
            <DialogButtons on_cancel on_ok busy danger=true />
        </Modal>
    }
}

/// A form in a modal: the fields (`children`), Cancel (`confirm-cancel`) and a submit button
/// (`confirm-ok`) enabled while the form is `valid` and nothing is `busy`. Submitting (the button
/// or Enter) calls `on_submit` only then, so one request is sent per confirmation.
#[component]
pub fn FormDialog(
    /// The heading.
    #[prop(into)]
    title: Signal<String>,
    /// Whether the fields can be sent.
    #[prop(into)]
    valid: Signal<bool>,
    /// The request is in flight.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// Called on a valid submit.
    on_submit: Callback<()>,
    /// Called by Cancel and Escape.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if valid.get_untracked() && !busy.get_untracked() {
            on_submit.run(());
        }
    };
    view! {
        <Modal title on_close>
            <form class="form" on:submit=submit>
                {children()}
                <DialogButtons on_cancel=on_close ready=valid busy />
            </form>
        </Modal>
    }
}

/// A dialog's Cancel (`confirm-cancel`) and OK (`confirm-ok`). OK calls `on_ok`, or without it
/// submits the dialog's form; it is disabled until the dialog is `ready` and while it is
/// `busy`, and `danger` marks a request that cannot be undone.
#[component]
pub fn DialogButtons(
    /// Called by Cancel.
    on_cancel: Callback<()>,
    /// Called by OK; without it OK is the form's submit button.
    #[prop(optional, into)]
    on_ok: Option<Callback<()>>,
    #[prop(optional, into)] ready: Option<Signal<bool>>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ready = move || ready.is_none_or(|ready| ready.get());
    let click = move |_| {
        if let Some(on_ok) = on_ok {
            if ready() && !busy.get_untracked() {
                on_ok.run(());
            }
        }
    };
    view! {
        <div class="modal-buttons">
            <button type="button" data-testid="confirm-cancel" on:click=move |_| on_cancel.run(())>
                {i18n.text(Msg::Cancel)}
            </button>
            <button
                type=if on_ok.is_some() { "button" } else { "submit" }
                class=if danger { "danger" } else { "primary" }
                data-testid="confirm-ok"
                disabled=move || !ready() || busy.get()
                aria-busy=move || busy.get().then_some("true")
                on:click=click
            >
                {i18n.text(Msg::OkButton)}
            </button>
        </div>
    }
}
