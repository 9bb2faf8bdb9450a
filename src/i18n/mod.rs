//! The one translation layer: every piece of text the console shows is a [`Message`].
//!
//! Each table is a `match` over (message, [`Lang`]) without a wildcard arm, so adding a message
//! or a language without translating it is a compile error. [`messages`] holds the shared
//! messages; a screen with many of its own keeps them in a sibling module.

use leptos::prelude::*;

mod create;
mod instances;
mod lang;
mod list;
mod messages;
mod palette;
mod resources;
mod session;

pub use create::CreateMsg;
pub use instances::InstancesMsg;
pub use lang::{Lang, Message};
pub use list::ListMsg;
pub use messages::{tr, Msg};
pub use palette::PaletteMsg;
pub use resources::{tr_resources, ResourcesMsg};
pub use session::SessionMsg;

const STORAGE_KEY: &str = "compute-console.lang";

/// The chosen language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The current language (tracked).
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The text of a message in the current language (tracked).
    pub fn t(self, msg: impl Message) -> &'static str {
        msg.text(self.0.get())
    }

    /// A reactive text node for a message: `{i18n.text(Msg::SignIn)}`.
    pub fn text(
        self,
        msg: impl Message,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || msg.text(self.0.get())
    }

    /// Switches the language and remembers the choice (a preference, not a secret).
    pub fn set(self, lang: Lang) {
        self.0.set(lang);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored choice, else the browser's language, else English.
pub fn initial_lang() -> Lang {
    if let Some(stored) = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        return Lang::from_tag(&stored);
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En)
}

/// Provides the translation context with a language.
pub fn provide_i18n(lang: Lang) -> I18n {
    let i18n = I18n(RwSignal::new(lang));
    provide_context(i18n);
    i18n
}

/// The translation context. Panics outside the app (a programming error).
pub fn expect_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The translation context, or English when none is provided (isolated component tests).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| provide_i18n(Lang::En))
}
