//! Errors next to the fields they are about, in the user's language.

use compute_api::validate::ErrorKind;
use compute_api::FieldError;
use leptos::prelude::*;

use super::draft::Draft;
use super::wizard::expect_wizard;
use crate::components::format::ram_mb as ram;
use crate::i18n::{use_i18n, CreateMsg, I18n, Lang, Message};

fn fill(lang: Lang, msg: CreateMsg, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(msg.text(lang).to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// The translated sentence for a broken rule. `field` tells apart the `InvalidValue` cases
/// compute-api words in English only.
pub fn error_text(lang: Lang, error: &FieldError) -> String {
    use CreateMsg::*;
    let n = |v: &dyn ToString| v.to_string();
    match &error.kind {
        ErrorKind::Required => plain(lang, ErrRequired),
        ErrorKind::TooLong { max, actual } => {
            fill(lang, ErrTooLong, &[("max", n(max)), ("actual", n(actual))])
        }
        ErrorKind::OutOfRange { min, max, actual } => fill(
            lang,
            ErrOutOfRange,
            &[("min", n(min)), ("max", n(max)), ("actual", n(actual))],
        ),
        ErrorKind::MinCountAboveMaxCount { min, max } => {
            fill(lang, ErrMinAboveMax, &[("min", n(min)), ("max", n(max))])
        }
        ErrorKind::WindowsNameTooLong { max, actual } => fill(
            lang,
            ErrWindowsName,
            &[("max", n(max)), ("actual", n(actual))],
        ),
        ErrorKind::WindowsNeedsRam { min_mb, actual_mb } => fill(
            lang,
            ErrWindowsRam,
            &[("min", ram(*min_mb)), ("actual", ram(*actual_mb))],
        ),
        ErrorKind::WindowsNotOnU2 => plain(lang, ErrWindowsU2),
        ErrorKind::RootDiskTooSmall { min_gb, actual_gb } => fill(
            lang,
            ErrRootDisk,
            &[("min", n(min_gb)), ("actual", n(actual_gb))],
        ),
        ErrorKind::BlockDeviceRequired => plain(lang, ErrBdmRequired),
        ErrorKind::DestinationMustBeLocal => plain(lang, ErrDestLocal),
        ErrorKind::DestinationMustBeVolume => plain(lang, ErrDestVolume),
        ErrorKind::UserDataTooLong { max, actual } => {
            fill(lang, ErrUserData, &[("max", n(max)), ("actual", n(actual))])
        }
        ErrorKind::NicNeedsOneTarget => plain(lang, ErrNicTarget),
        ErrorKind::MetadataKeyTooLong { max, actual } => fill(
            lang,
            ErrMetaKeyLong,
            &[("max", n(max)), ("actual", n(actual))],
        ),
        ErrorKind::NotBase64 => plain(lang, ErrNotBase64),
        ErrorKind::FixedIpWithPort => plain(lang, ErrFixedIpPort),
        ErrorKind::FlavorRamTooSmall { min_mb, actual_mb } => fill(
            lang,
            ErrFlavorRam,
            &[("min", ram(*min_mb)), ("actual", ram(*actual_mb))],
        ),
        ErrorKind::UnknownSourceType(_) => plain(lang, ErrSourceType),
        ErrorKind::UnknownVolumeType(_) => plain(lang, ErrVolumeType),
        ErrorKind::NotEnglish(c) => fill(lang, ErrNotEnglish, &[("char", c.to_string())]),
        ErrorKind::RootDiskRequired => plain(lang, ErrRootRequired),
        ErrorKind::VolumeSizeNotPositive => plain(lang, ErrVolumeSize),
        ErrorKind::NumberedNameTooLong { max, longest } => fill(
            lang,
            ErrNumberedName,
            &[
                ("longest", longest.clone()),
                ("actual", n(&longest.chars().count())),
                ("max", n(max)),
            ],
        ),
        ErrorKind::SourceNotBootable => plain(lang, ErrSourceNotBootable),
        ErrorKind::SourceImageRestricted(image) => {
            fill(lang, ErrSourceRestricted, &[("image", image.clone())])
        }
        ErrorKind::SourceZoneMismatch {
            source_zone,
            instance_zone,
        } => fill(
            lang,
            ErrSourceZone,
            &[
                ("source", source_zone.clone()),
                ("instance", instance_zone.clone()),
            ],
        ),
        ErrorKind::NotIpv4 => plain(lang, ErrNotIpv4),
        ErrorKind::InvalidValue(english) => {
            if error.field.ends_with(".fixed_ip") {
                plain(lang, ErrInvalidIp)
            } else if error.field == "metadata" {
                plain(lang, ErrMetaKeyEmpty)
            } else {
                // A rule compute-api may add later: its English words beat silence.
                english.clone()
            }
        }
    }
}

fn plain(lang: Lang, msg: CreateMsg) -> String {
    msg.text(lang).to_string()
}

/// Whether a request field is `path` or inside it (`networks[0]` holds `networks[0].fixed_ip`).
pub fn within(field: &str, path: &str) -> bool {
    field == path
        || field
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// A list of errors, one `field-error` element each.
pub fn errors_list(i18n: I18n, errors: Vec<FieldError>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            // The alert is around the list: a role on the `ul` itself would take its list
            // semantics away from the items.
            <div role="alert">
                <ul class="field-errors">
                    {errors
                        .into_iter()
                        .map(|error| {
                            let field = error.field.clone();
                            view! {
                                <li data-testid="field-error" data-field=field>
                                    {move || error_text(i18n.lang(), &error)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The errors of the fields `pick` accepts, live.
pub fn field_errors(pick: impl Fn(&str) -> bool + Send + Sync + 'static) -> impl IntoView {
    let wizard = expect_wizard();
    let i18n = crate::i18n::use_i18n();
    let mine = Memo::new(move |_| {
        wizard.checked.with(|(_, errors)| {
            errors
                .iter()
                .filter(|e| pick(&e.field))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    move || errors_list(i18n, mine.get())
}

/// The errors of one field and what is inside it.
pub fn errors_of(path: &'static str) -> impl IntoView {
    field_errors(move |field| within(field, path))
}

/// A row's Remove button: takes item `index` out of the draft's list that `list` picks (a
/// row removed meanwhile leaves the list as it is).
#[component]
pub fn RemoveButton<T: 'static>(
    index: usize,
    list: fn(&mut Draft) -> &mut Vec<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = expect_wizard().draft;
    let remove = move |_| {
        draft.update(|d| {
            let items = list(d);
            if index < items.len() {
                items.remove(index);
            }
        })
    };
    view! {
        <button type="button" class="ghost" on:click=remove>
            {i18n.text(CreateMsg::Remove)}
        </button>
    }
}
