//! The wizard's step list (each step a button, marked when a rule of it is broken) and its
//! Back, Next and Submit buttons.

use compute_api::server::CreateServer;
use leptos::prelude::*;

use super::draft::Step;
use super::wizard::{expect_wizard, step_title};
use crate::i18n::{use_i18n, CreateMsg};

#[component]
pub fn StepList() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let step = wizard.step;
    view! {
        <nav class="wizard-steps" aria-label=move || i18n.t(CreateMsg::Steps)>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    data-testid="create-step"
                                    data-step=format!("{s:?}").to_lowercase()
                                    class:current=move || step.get() == s
                                    class:has-errors=move || {
                                        s != Step::Review && wizard.step_has_errors(s)
                                    }
                                    aria-current=move || (step.get() == s).then_some("step")
                                    on:click=move |_| wizard.go(s)
                                >
                                    <span class="step-number">{s.index() + 1}</span>
                                    {i18n.text(step_title(s))}
                                    <Show when=move || {
                                        s != Step::Review && wizard.step_has_errors(s)
                                    }>
                                        <span class="step-error" title=move || i18n.t(CreateMsg::StepHasErrors)>
                                            "!"
                                            <span class="visually-hidden">
                                                {i18n.text(CreateMsg::StepHasErrors)}
                                            </span>
                                        </span>
                                    </Show>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
pub fn WizardButtons(
    /// Called with the request on Submit (never more than once per press).
    on_submit: Callback<CreateServer>,
    /// Submit stays disabled while this is true.
    blocked: Signal<bool>,
    /// A request is in flight (Submit says so).
    sending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let step = wizard.step;
    let valid = move || wizard.checked.with(|(_, errors)| errors.is_empty());
    view! {
        <div class="wizard-nav">
            <button
                type="button"
                data-testid="create-back"
                disabled=move || step.get().previous().is_none()
                on:click=move |_| {
                    if let Some(previous) = step.get_untracked().previous() {
                        wizard.go(previous);
                    }
                }
            >
                {i18n.text(CreateMsg::Back)}
            </button>
            <Show
                when=move || step.get() == Step::Review
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            data-testid="create-next"
                            on:click=move |_| {
                                if let Some(next) = step.get_untracked().next() {
                                    wizard.go(next);
                                }
                            }
                        >
                            {i18n.text(CreateMsg::Next)}
                        </button>
                    }
                }
            >
                <button
                    type="button"
                    class="primary"
                    data-testid="create-submit"
                    disabled=move || !valid() || blocked.get()
                    on:click=move |_| {
                        if valid() && !blocked.get_untracked() {
                            on_submit.run(wizard.checked.get_untracked().0);
                        }
                    }
                >
                    {move || {
                        if sending.get() {
                            i18n.t(CreateMsg::Submitting)
                        } else {
                            i18n.t(CreateMsg::Submit)
                        }
                    }}
                </button>
            </Show>
        </div>
    }
}
