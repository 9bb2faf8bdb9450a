//! A segmented control's button: one of a few modes, pressed while its mode is chosen (the
//! sign-in form's password or token, the key pair form's create, generate or import).

use leptos::prelude::*;

#[component]
pub fn Segment(
    #[prop(into)] label: Signal<&'static str>,
    testid: &'static str,
    /// Its mode is the chosen one.
    #[prop(into)]
    pressed: Signal<bool>,
    /// Called when it is pressed.
    on_press: Callback<()>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="segment"
            data-testid=testid
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            disabled=move || disabled.get()
            on:click=move |_| on_press.run(())
        >
            {label}
        </button>
    }
}
