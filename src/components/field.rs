//! The parts every form is made of: a labelled field with its hint, and the line saying which
//! rule a value breaks.

use leptos::prelude::*;

/// A form field: the label (for the control `id`), the control itself (`children`), a hint
/// under it and what is wrong with the value (see [`FieldError`]). A control with a hint
/// points at it with `aria-describedby="{id}-hint"`.
#[component]
pub fn Field(
    /// The control's `id`.
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(optional, into)] problem: Option<Signal<Option<String>>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {children()}
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {problem.map(|problem| view! { <FieldError problem /> })}
        </div>
    }
}

/// The rule a value breaks, said under its field and announced as it appears
/// (`field-error`); nothing while the value is fine.
#[component]
pub fn FieldError(#[prop(into)] problem: Signal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|problem| {
            view! {
                <p class="field-error" data-testid="field-error" role="alert">
                    {problem}
                </p>
            }
        })
    }
}
