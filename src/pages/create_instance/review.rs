//! Step 7: every broken rule at once, the exact request body and an equivalent `curl`.

use compute_api::request;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::draft::Step;
use super::fields::error_text;
use super::wizard::{expect_wizard, step_title};
use crate::i18n::{use_i18n, CreateMsg};

/// Puts text on the clipboard (`navigator.clipboard.writeText`), when the browser allows.
fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    match (clipboard, write) {
        (Some(clipboard), Some(write)) => write.call1(&clipboard, &JsValue::from_str(text)).is_ok(),
        _ => false,
    }
}

/// A block of text to copy, with its button.
#[component]
fn CopyBlock(
    title: CreateMsg,
    test_id: &'static str,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    Effect::new(move |_| {
        text.track();
        copied.set(false);
    });
    // The block scrolls sideways when a line is long: it takes the focus, so the keyboard
    // can scroll it, and is a region named by its heading.
    let title_id = format!("{test_id}-title");
    view! {
        <section class="copy-block">
            <header>
                <h3 id=title_id.clone()>{i18n.text(title)}</h3>
                <button
                    type="button"
                    class="ghost"
                    data-testid=format!("{test_id}-copy")
                    on:click=move |_| copied.set(copy_to_clipboard(&text.get_untracked()))
                >
                    {move || {
                        if copied.get() { i18n.t(CreateMsg::Copied) } else { i18n.t(CreateMsg::Copy) }
                    }}
                </button>
            </header>
            <pre
                class="mono"
                data-testid=test_id
                tabindex="0"
                role="region"
                aria-labelledby=title_id
            >
                {move || text.get()}
            </pre>
        </section>
    }
}

#[component]
pub fn ReviewStep(compute_base: String) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let json = Signal::derive(move || {
        // The body exactly as the client sends it (the request's own JSON, keys in its order).
        wizard.checked.with(|(server, _)| {
            request::create_server(server)
                .body
                .map(|body| serde_json::to_string_pretty(&body).unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let curl = Signal::derive(move || {
        wizard
            .checked
            .with(|(server, _)| request::create_server(server).curl_command(&compute_base))
    });
    let errors = move || {
        let errors = wizard.checked.with(|(_, errors)| errors.clone());
        if errors.is_empty() {
            return view! {
                <p class="note ok" data-testid="create-valid">{i18n.text(CreateMsg::NoErrors)}</p>
            }
            .into_any();
        }
        view! {
            <div class="error-box" role="alert" data-testid="create-errors">
                <p>{i18n.text(CreateMsg::ErrorsTitle)}</p>
                <ul class="field-errors">
                    {errors
                        .into_iter()
                        .map(|error| {
                            let step = Step::of_field(&error.field);
                            let field = error.field.clone();
                            let field_attr = field.clone();
                            view! {
                                <li data-testid="field-error" data-field=field_attr>
                                    <span class="step-tag">{i18n.text(step_title(step))}</span>
                                    " "
                                    <code>{field}</code>
                                    " — "
                                    {move || error_text(i18n.lang(), &error)}
                                    " "
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| wizard.go(step)
                                    >
                                        {i18n.text(CreateMsg::GoToStep)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    view! {
        {errors}
        <VolumesOnDelete />
        <CopyBlock title=CreateMsg::RequestJson test_id="create-review-json" text=json />
        <CopyBlock title=CreateMsg::Curl test_id="create-review-curl" text=curl />
        <p class="hint">{i18n.text(CreateMsg::CurlNote)}</p>
    }
}

/// What happens to each volume of the request when the instance is deleted, in words (the
/// request JSON below says the same in `delete_on_termination`).
#[component]
fn VolumesOnDelete() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let volumes = move || {
        wizard.checked.with(|(server, _)| {
            server
                .block_device_mapping_v2
                .iter()
                .flatten()
                .enumerate()
                .filter(|(_, bdm)| bdm.destination_type.as_deref() == Some("volume"))
                .map(|(i, bdm)| (i, bdm.clone()))
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        let volumes = volumes();
        if volumes.is_empty() {
            return view! { <p class="hint">{i18n.text(CreateMsg::ReviewNoVolumes)}</p> }
                .into_any();
        }
        let items = volumes
            .into_iter()
            .map(|(i, bdm)| {
                let deleted = bdm.deleted_with_instance();
                let source = match bdm.source_type.as_str() {
                    "image" => CreateMsg::SourceImage,
                    "snapshot" => CreateMsg::SourceSnapshot,
                    _ => CreateMsg::SourceVolume,
                };
                view! {
                    <li data-testid="create-review-disk" data-delete=deleted.to_string()>
                        {if i == 0 {
                            i18n.text(CreateMsg::RootDisk).into_any()
                        } else {
                            view! { {i18n.text(CreateMsg::ExtraVolume)} " " {i} }.into_any()
                        }}
                        " ("
                        {i18n.text(source)}
                        " "
                        <code>{bdm.uuid.clone().unwrap_or_default()}</code>
                        {bdm.volume_size.map(|gb| format!(", {gb} GB"))}
                        "): "
                        <strong>
                            {i18n.text(if deleted {
                                CreateMsg::ReviewDiskDeleted
                            } else {
                                CreateMsg::ReviewDiskKept
                            })}
                        </strong>
                    </li>
                }
            })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    view! {
        <section class="review-disks" data-testid="create-review-disks">
            <h3>{i18n.text(CreateMsg::ReviewDisks)}</h3>
            {rows}
        </section>
    }
}
