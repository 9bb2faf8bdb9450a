//! The languages the console speaks, and what a translated message is.

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

    /// BCP 47 tag, for `<html lang>` and `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
            Lang::Ja => "日本語",
        }
    }

    /// Picks the language for a tag such as `ko-KR` or `ja`; anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ko" => Lang::Ko,
            "ja" => Lang::Ja,
            _ => Lang::En,
        }
    }
}

/// A piece of text with a translation in every [`Lang`].
pub trait Message: Copy + Send + Sync + 'static {
    fn text(self, lang: Lang) -> &'static str;
}
