//! Step 6: user data (with the live count of the bytes sent), metadata and
//! `return_reservation_id`.

use compute_api::validate::{encoded_user_data_len, MAX_USER_DATA_BYTES};
use leptos::prelude::*;

use super::draft::{Draft, MetadataEntry};
use super::fields::{errors_of, field_errors, RemoveButton};
use super::wizard::expect_wizard;
use crate::i18n::{use_i18n, CreateMsg};

#[component]
pub fn AdvancedStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    // The limit is on the base64 text, so the counter shows that, not the raw length.
    let encoded = Memo::new(move |_| draft.with(|d| encoded_user_data_len(d.user_data.len())));
    let rows = Memo::new(move |_| draft.with(|d| d.metadata.len()));
    view! {
        <div class="form-grid">
            <label for="create-userdata">{i18n.text(CreateMsg::UserData)}</label>
            <div>
                <textarea
                    id="create-userdata"
                    class="mono"
                    rows="8"
                    spellcheck="false"
                    data-testid="create-userdata"
                    prop:value=move || draft.with(|d| d.user_data.clone())
                    on:input=move |ev| draft.update(|d| d.user_data = event_target_value(&ev))
                ></textarea>
                <p
                    class="counter"
                    class:over=move || { encoded.get() > MAX_USER_DATA_BYTES }
                    data-testid="create-userdata-bytes"
                    data-bytes=move || encoded.get()
                    aria-live="polite"
                >
                    {move || i18n.t(CreateMsg::UserDataCounter).replace("{n}", &encoded.get().to_string())}
                </p>
                <p class="hint">{i18n.text(CreateMsg::UserDataHint)}</p>
                {errors_of("user_data")}
            </div>

            <span class="label">{i18n.text(CreateMsg::Metadata)}</span>
            <div>
                <p class="hint">{i18n.text(CreateMsg::MetaHint)}</p>
                {move || (0..rows.get()).map(|i| view! { <MetadataRow index=i /> }).collect_view()}
                <button
                    type="button"
                    data-testid="create-add-metadata"
                    on:click=move |_| draft.update(|d| d.metadata.push(MetadataEntry::default()))
                >
                    {i18n.text(CreateMsg::AddMetadata)}
                </button>
                {field_errors(|field| field == "metadata")}
            </div>

            <span></span>
            <div>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="create-reservation-id"
                        prop:checked=move || draft.with(|d| d.return_reservation_id)
                        on:change=move |ev| {
                            draft.update(|d| d.return_reservation_id = event_target_checked(&ev))
                        }
                    />
                    {i18n.text(CreateMsg::ReturnReservationId)}
                </label>
                <p class="hint">{i18n.text(CreateMsg::ReturnReservationIdHint)}</p>
            </div>
        </div>
    }
}

#[component]
fn MetadataRow(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let draft = expect_wizard().draft;
    let entry = move || draft.with(|d| d.metadata.get(index).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut MetadataEntry)| {
        draft.update(|d| {
            if let Some(entry) = d.metadata.get_mut(index) {
                f(entry);
            }
        })
    };
    // Errors name the key: follow the key as typed.
    let key_path = Memo::new(move |_| format!("metadata.{}", entry().key));
    view! {
        <div class="meta-row" data-testid="create-metadata-row">
            <input
                type="text"
                data-testid="create-metadata-key"
                aria-label=move || i18n.t(CreateMsg::MetaKey)
                placeholder=move || i18n.t(CreateMsg::MetaKey)
                prop:value=move || entry().key
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    edit(&|e| e.key = value.clone())
                }
            />
            <input
                type="text"
                data-testid="create-metadata-value"
                aria-label=move || i18n.t(CreateMsg::MetaValue)
                placeholder=move || i18n.t(CreateMsg::MetaValue)
                prop:value=move || entry().value
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    edit(&|e| e.value = value.clone())
                }
            />
            <RemoveButton index list=|d: &mut Draft| &mut d.metadata />
            {field_errors(move |field| field == key_path.get())}
        </div>
    }
}
