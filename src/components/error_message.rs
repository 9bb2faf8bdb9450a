//! An API error as a person reads it: the server's own message, the status, the fault name and
//! the request id to quote to support.

use compute_api::ApiError;
use leptos::prelude::*;

use crate::components::waiting::RetryAfterCountdown;
use crate::i18n::{use_i18n, Msg};

/// The error box (`data-testid="error-message"`), an `alert` for assistive technology.
#[component]
pub fn ErrorMessage(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    let i18n = use_i18n();
    let (headline, detail, status, fault, retry_after): (
        Msg,
        String,
        Option<u16>,
        Option<String>,
        Option<u64>,
    ) = match &error {
        ApiError::Http(e) => (
            Msg::ErrorTitle,
            e.message.clone(),
            Some(e.status),
            e.fault.clone(),
            e.retry_after,
        ),
        ApiError::Decode {
            status, message, ..
        } => (Msg::DecodeError, message.clone(), Some(*status), None, None),
        ApiError::Network(message) => (Msg::NetworkError, message.clone(), None, None, None),
    };
    let request_id = error.request_id().map(str::to_string);
    let meta = [status.map(|s| format!("HTTP {s}")), fault]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <div class="error-box" role="alert" data-testid="error-message">
            <p class="error-headline">
                <strong>{i18n.text(headline)}</strong>
                {(!meta.is_empty()).then(|| view! { <span class="error-meta">{meta}</span> })}
            </p>
            <p class="error-detail">{detail}</p>
            {request_id
                .map(|id| {
                    view! {
                        <p class="error-request-id">
                            {i18n.text(Msg::RequestId)}
                            ": "
                            <code>{id}</code>
                        </p>
                    }
                })}
            {retry_after.map(|seconds| view! { <RetryAfterCountdown seconds /> })}
        </div>
    }
}
