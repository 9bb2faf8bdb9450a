//! The keyboard layer of the signed-in console: the command palette (Ctrl+K or ⌘K) to jump to
//! an instance by name, id or address, run an action the rules allow on it (with the same
//! confirmation as its buttons), go to a page or switch region; `/` to the instance list's
//! quick filter; `?` for the list of shortcuts.
//!
//! The palette is a modal dialog holding a combobox: the input keeps the focus, the arrow keys
//! move the active option (`aria-activedescendant`), Enter runs it, Escape closes and gives
//! the focus back. A status line counts the results for screen readers.

mod commands;

use std::time::Duration;

use compute_api::request::ServerQuery;
use compute_api::rules::Operation;
use compute_api::server_set::ServerSet;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::actions::{plain_request, ActionRunner};
use crate::components::{ConfirmDialog, ErrorMessage, Modal};
use crate::i18n::{use_i18n, Message, Msg, PaletteMsg};
use crate::lazy::{lazy_part, Deferred};
use crate::operations::{confirmation, operation_msg};
use crate::paths::segment;
use crate::session::expect_session;
use crate::store::expect_store;
pub use commands::{commands, Command, Target, MAX_INSTANCES};

/// What the keyboard layer shows.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Palette,
    Shortcuts,
}

/// The outcome of an action run from the palette, shown until dismissed or replaced.
#[derive(Clone)]
enum Outcome {
    Sent(String),
    Failed(String, compute_api::ApiError),
}

/// Whether a key event comes from a place where typing means text (the shortcuts `/` and `?`
/// must not fire there).
fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

/// Whether a modal dialog is in the page (a `Modal`, or an open `<dialog>`).
fn another_dialog_is_open() -> bool {
    document()
        .query_selector("[aria-modal=\"true\"], dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

fn focus_quick_filter() -> bool {
    let Some(el) = document()
        .query_selector("[data-testid=\"instance-filter\"]")
        .ok()
        .flatten()
    else {
        return false;
    };
    el.dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|el| el.focus().is_ok())
}

/// The shortcuts, the palette and what it runs; mounted once in the signed-in shell.
#[component]
pub fn KeyboardLayer() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(Open::Nothing);
    let navigate = use_navigate();
    let actions = ActionRunner::new();
    let confirm = RwSignal::new(None::<(String, String, Operation)>);
    let outcome = RwSignal::new(None::<Outcome>);

    let go_to_filter = {
        let navigate = navigate.clone();
        move || {
            if focus_quick_filter() {
                return;
            }
            navigate("/instances", NavigateOptions::default());
            // The list mounts on the next turns of the event loop.
            set_timeout(
                move || {
                    focus_quick_filter();
                },
                Duration::from_millis(50),
            );
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        // Another dialog (a confirmation, a form, the re-login) keeps the keyboard to itself.
        if open.get_untracked() == Open::Nothing && another_dialog_is_open() {
            return;
        }
        if (ev.ctrl_key() || ev.meta_key()) && key.eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open.update(|o| {
                *o = if *o == Open::Palette {
                    Open::Nothing
                } else {
                    Open::Palette
                }
            });
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_a_field(&ev) {
            return;
        }
        if open.get_untracked() != Open::Nothing {
            return;
        }
        match key.as_str() {
            "/" => {
                ev.prevent_default();
                go_to_filter();
            }
            "?" => {
                ev.prevent_default();
                open.set(Open::Shortcuts);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let send = move |id: String, name: String, op: Operation| {
        let Some(request) = plain_request(op, &id) else {
            return;
        };
        let action = operation_msg(op);
        outcome.set(None);
        actions.send(id, op, request, move |result| {
            let lang = i18n.0.get_untracked();
            let fill = |msg: PaletteMsg| {
                msg.text(lang)
                    .replace("{action}", action.text(lang))
                    .replace("{name}", &name)
            };
            outcome.set(Some(match result {
                Ok(_) => Outcome::Sent(fill(PaletteMsg::Sent)),
                Err(error) => Outcome::Failed(fill(PaletteMsg::Refused), error.clone()),
            }));
        });
    };
    let run = Callback::new(move |command: Command| {
        open.set(Open::Nothing);
        match command.target {
            Target::Instance(id) => navigate(
                &format!("/instances/{}", segment(&id)),
                NavigateOptions::default(),
            ),
            Target::Page(path) => navigate(path, NavigateOptions::default()),
            Target::Region(region) => expect_session().set_region(region),
            Target::Action { id, name, op } => {
                if confirmation(op).is_some() {
                    confirm.set(Some((id, name, op)));
                } else {
                    send(id, name, op);
                }
            }
        }
    });
    let close = Callback::new(move |_: ()| open.set(Open::Nothing));

    view! {
        <button
            type="button"
            class="ghost"
            data-testid="palette-open"
            aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| open.set(Open::Palette)
        >
            {i18n.text(PaletteMsg::OpenPalette)}
        </button>
        {move || match open.get() {
            Open::Nothing => ().into_any(),
            Open::Palette => {
                view! { <Deferred code=palette_code input=PaletteInput { run, close } /> }
                    .into_any()
            }
            Open::Shortcuts => view! { <Shortcuts close /> }.into_any(),
        }}
        {move || confirm.get().map(|(id, name, op)| {
            let template = confirmation(op).unwrap_or(Msg::ConfirmTitle);
            let message = {
                let name = name.clone();
                Signal::derive(move || i18n.t(template).replace("{name}", &name))
            };
            let on_ok = Callback::new(move |_: ()| {
                confirm.set(None);
                send(id.clone(), name.clone(), op);
            });
            let on_cancel = Callback::new(move |_: ()| confirm.set(None));
            view! { <ConfirmDialog message on_ok on_cancel /> }
        })}
        <div class="palette-outcome" role="status" data-testid="palette-outcome">
            {move || outcome.get().map(|o| {
                let dismiss = move |_| outcome.set(None);
                let body = match o {
                    Outcome::Sent(text) => view! { <p>{text}</p> }.into_any(),
                    Outcome::Failed(text, error) => view! {
                        <p>{text}</p>
                        <ErrorMessage error />
                    }
                    .into_any(),
                };
                view! {
                    <div class="palette-outcome-box">
                        {body}
                        <button type="button" class="ghost" data-testid="palette-outcome-dismiss" on:click=dismiss>
                            {i18n.text(PaletteMsg::Dismiss)}
                        </button>
                    </div>
                }
            })}
        </div>
    }
}

/// What the palette is opened with: where a chosen command goes, and how it closes.
#[derive(Clone)]
struct PaletteInput {
    run: Callback<Command>,
    close: Callback<()>,
}

lazy_part!(
    /// The palette's code, loaded when it is first opened.
    palette_code,
    cc_palette,
    fn(PaletteInput) -> AnyView,
    |input: PaletteInput| view! { <Palette run=input.run close=input.close /> }.into_any()
);

/// The palette itself: a combobox over the commands for what is typed.
#[component]
fn Palette(run: Callback<Command>, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    let session = expect_session();
    // The instances to search: the list's, read now if no screen has opened it yet.
    if !store.servers.is_open() {
        store.servers.open(ServerQuery::default());
    }
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0_usize);
    let found = Memo::new(move |_| {
        let lang = i18n.0.get();
        let (regions, current) = session.current.with(|s| {
            s.as_ref()
                .map(|s| (s.regions.clone(), s.region.clone()))
                .unwrap_or_default()
        });
        query.with(|q| {
            store
                .servers
                .set
                .with(|set: &ServerSet| commands(q, set, &regions, &current, lang))
        })
    });
    // A new query starts at the top.
    Effect::new(move |_| {
        query.track();
        active.set(0);
    });
    let loading = move || {
        store.servers.reading.get()
            && !store.servers.complete.get()
            && query.with(|q| !q.trim().is_empty())
    };
    let count = move || {
        let n = found.with(Vec::len);
        if n == 0 {
            i18n.t(PaletteMsg::NoResults).to_string()
        } else {
            i18n.t(PaletteMsg::Results).replace("{n}", &n.to_string())
        }
    };
    let option_id = |key: &str| format!("palette-option-{}", segment(key).replace('%', "_"));
    let active_id = move || {
        found.with(|f| {
            f.get(active.get())
                .map(|c| option_id(&c.key()))
                .unwrap_or_default()
        })
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if len > 0 => {
                ev.prevent_default();
                active.update(|i| *i = (*i + 1) % len);
            }
            "ArrowUp" if len > 0 => {
                ev.prevent_default();
                active.update(|i| *i = (*i + len - 1) % len);
            }
            "Home" if len > 0 => {
                ev.prevent_default();
                active.set(0);
            }
            "End" if len > 0 => {
                ev.prevent_default();
                active.set(len - 1);
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(command) =
                    found.with_untracked(|f| f.get(active.get_untracked()).cloned())
                {
                    run.run(command);
                }
            }
            _ => {}
        }
    };
    // The active option stays in view as the arrows move it.
    Effect::new(move |_| {
        let id = active_id();
        if let Some(el) = document().get_element_by_id(&id) {
            el.scroll_into_view_with_bool(false);
        }
    });
    let title = Signal::derive(move || i18n.t(PaletteMsg::Title).to_string());
    view! {
        <Modal title on_close=close>
            <div class="palette" data-testid="command-palette">
                <input
                    type="text"
                    data-testid="palette-input"
                    role="combobox"
                    aria-expanded="true"
                    aria-controls="palette-results"
                    aria-autocomplete="list"
                    aria-label=move || i18n.t(PaletteMsg::Title)
                    aria-activedescendant=active_id
                    placeholder=move || i18n.t(PaletteMsg::Placeholder)
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown=on_keydown
                />
                <p class="visually-hidden" role="status" data-testid="palette-count">{count}</p>
                <Show when=loading>
                    <p class="muted small">{i18n.text(PaletteMsg::Loading)}</p>
                </Show>
                <ul id="palette-results" role="listbox" class="palette-results" aria-label=move || i18n.t(PaletteMsg::Title)>
                    {move || {
                        found
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, command)| {
                                let key = command.key();
                                let kind = command.kind;
                                let chosen = command.clone();
                                view! {
                                    <li
                                        id=option_id(&key)
                                        role="option"
                                        data-testid="palette-option"
                                        data-key=key
                                        aria-selected=move || (active.get() == i).to_string()
                                        class:active=move || active.get() == i
                                        on:mousemove=move |_| active.set(i)
                                        on:click=move |_| run.run(chosen.clone())
                                    >
                                        <span class="palette-kind">{i18n.text(kind)}</span>
                                        <span class="palette-label">{command.label}</span>
                                        <span class="palette-detail muted small">{command.detail}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Modal>
    }
}

/// `?`: every shortcut.
#[component]
fn Shortcuts(close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(PaletteMsg::ShortcutsTitle).to_string());
    let rows = [
        ("Ctrl+K / ⌘K", PaletteMsg::ShortcutPalette),
        ("/", PaletteMsg::ShortcutFilter),
        ("?", PaletteMsg::ShortcutHelp),
        ("↑ ↓ Enter", PaletteMsg::ShortcutMove),
        ("Esc", PaletteMsg::ShortcutClose),
    ];
    view! {
        <Modal title on_close=close>
            <dl class="shortcuts" data-testid="shortcuts-help">
                {rows
                    .into_iter()
                    .map(|(keys, what)| view! {
                        <dt><kbd>{keys}</kbd></dt>
                        <dd>{i18n.text(what)}</dd>
                    })
                    .collect_view()}
            </dl>
            <div class="modal-buttons">
                <button type="button" data-testid="shortcuts-close" on:click=move |_| close.run(())>
                    {i18n.text(Msg::Close)}
                </button>
            </div>
        </Modal>
    }
}
