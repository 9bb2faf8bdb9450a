use leptos::prelude::*;

use crate::i18n::{use_i18n, SessionMsg};
use crate::session::idle::IdleTimer;

/// The warning before the idle timeout signs every tab out; any input dismisses it.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let i18n = use_i18n();
    let idle = expect_context::<IdleTimer>();
    view! {
        {move || {
            idle.warning
                .get()
                .map(|seconds| {
                    view! {
                        <div class="idle-warning" role="alert" data-testid="idle-warning">
                            <span>
                                {i18n.t(SessionMsg::IdleWarning).replace("{n}", &seconds.to_string())}
                            </span>
                            <button type="button" class="primary" data-testid="stay-signed-in">
                                {i18n.text(SessionMsg::StaySignedIn)}
                            </button>
                        </div>
                    }
                })
        }}
    }
}
