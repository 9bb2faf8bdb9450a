//! Step 2: the image (from the image service, or a typed id) and the block storage: the root
//! disk, whose destination follows the flavor, and any extra volumes.

use compute_api::block_source::BlockSource;
use compute_api::services::Image;
use compute_api::validate::{
    source_refusals, MIN_LINUX_ROOT_GB, MIN_WINDOWS_ROOT_GB, VOLUME_TYPES,
};
use leptos::prelude::*;

use super::draft::{root_destination, Disk, Draft};
use super::fields::{error_text, errors_of, field_errors, within, RemoveButton};
use super::wizard::{expect_wizard, Wizard};
use crate::i18n::{use_i18n, CreateMsg};

/// The smallest root disk this image may have: its `min_disk`, and never less than the
/// documented minimum for its OS.
fn recommended_root_gb(image: &Image) -> u64 {
    let floor = if image.is_windows() {
        MIN_WINDOWS_ROOT_GB
    } else {
        MIN_LINUX_ROOT_GB
    };
    image.min_disk.unwrap_or(0).max(floor)
}

fn choose_image(wizard: Wizard, image: &Image) {
    let size = recommended_root_gb(image);
    wizard.draft.update(|d| {
        d.image_id = image.id.clone();
        if let Some(root) = d.disks.first_mut() {
            // Only a size the user has not typed follows the image.
            let typed: u64 = root.size.trim().parse().unwrap_or(0);
            if root.size.trim().is_empty() || typed < size {
                root.size = size.to_string();
            }
        }
    });
}

#[component]
pub fn ImageStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let images = wizard.choices.images;
    let chosen_id = Memo::new(move |_| draft.with(|d| d.image_id.trim().to_string()));
    let picker = move || {
        images.with(|loaded| match loaded {
            None => view! { <crate::pages::LoadingRow /> }.into_any(),
            Some(Err(_)) => view! {
                <p class="hint" data-testid="create-image-unavailable">
                    {i18n.text(CreateMsg::Unavailable)}
                </p>
            }
            .into_any(),
            Some(Ok(list)) => {
                let rows = list
                    .iter()
                    .filter(|i| i.status.as_deref().is_none_or(|s| s == "active"))
                    .map(|image| {
                        let id = image.id.clone();
                        let id_for_check = id.clone();
                        let name = image.name.clone().unwrap_or_else(|| id.clone());
                        let picked = image.clone();
                        view! {
                            <tr data-testid="image-option" data-id=id.clone()>
                                <td>
                                    // The button and the name stay on one line (a long name
                                    // wraps beside the button, never under it).
                                    <label class="image-choice">
                                        <input
                                            type="radio"
                                            name="create-image-pick"
                                            value=id.clone()
                                            prop:checked=move || chosen_id.get() == id_for_check
                                            on:change=move |_| choose_image(wizard, &picked)
                                        />
                                        <span>{name}</span>
                                    </label>
                                </td>
                                <td>{image.os_type.clone().unwrap_or_default()}</td>
                                <td>
                                    {[image.os_distro.clone(), image.os_version.clone()]
                                        .into_iter()
                                        .flatten()
                                        .collect::<Vec<_>>()
                                        .join(" ")}
                                </td>
                                <td class="num">
                                    {image.min_disk.map(|d| format!("{d} GB")).unwrap_or_default()}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="data-table picker-table">
                        <thead>
                            <tr>
                                <th>{i18n.text(CreateMsg::ColName)}</th>
                                <th>{i18n.text(CreateMsg::ColOs)}</th>
                                <th>{i18n.text(CreateMsg::ColDistro)}</th>
                                <th class="num">{i18n.text(CreateMsg::ColMinDisk)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
        })
    };
    let os_note = move || {
        if chosen_id.get().is_empty() {
            return None;
        }
        match wizard.image() {
            Some(image) if image.is_windows() => Some(
                view! {
                    <p class="note" data-testid="create-image-windows">
                        {i18n.text(CreateMsg::ChosenWindows)}
                    </p>
                }
                .into_any(),
            ),
            Some(_) => None,
            None => Some(
                view! {
                    <p class="hint">{i18n.text(CreateMsg::UnknownImage)}</p>
                }
                .into_any(),
            ),
        }
    };
    let disk_count = Memo::new(move |_| draft.with(|d| d.disks.len()));

    view! {
        <fieldset class="form-section">
            <legend>{i18n.text(CreateMsg::Image)}</legend>
            {picker}
            <div class="form-grid">
                <label for="create-image">{i18n.text(CreateMsg::ImageId)}</label>
                <div>
                    <input
                        id="create-image"
                        type="text"
                        class="mono"
                        data-testid="create-image"
                        autocomplete="off"
                        prop:value=move || draft.with(|d| d.image_id.clone())
                        on:input=move |ev| draft.update(|d| d.image_id = event_target_value(&ev))
                    />
                    <p class="hint">{i18n.text(CreateMsg::ImageIdHint)}</p>
                    {os_note}
                    {errors_of("imageRef")}
                </div>
            </div>
        </fieldset>

        <fieldset class="form-section">
            <legend>{i18n.text(CreateMsg::BootDisk)}</legend>
            {field_errors(|field| field == "block_device_mapping_v2")}
            {move || {
                (0..disk_count.get()).map(|i| view! { <DiskRow index=i /> }).collect_view()
            }}
            <p class="hint">{i18n.text(CreateMsg::ExtraVolumeHint)}</p>
            <button
                type="button"
                data-testid="create-add-volume"
                on:click=move |_| draft.update(|d| d.disks.push(Disk::extra()))
            >
                {i18n.text(CreateMsg::AddVolume)}
            </button>
        </fieldset>
    }
}

/// One entry of block storage; index 0 is the root disk.
#[component]
fn DiskRow(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let is_root = index == 0;
    let disk = move || draft.with(|d| d.disks.get(index).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Disk)| {
        draft.update(|d| {
            if let Some(disk) = d.disks.get_mut(index) {
                f(disk);
            }
        })
    };
    let destination = Memo::new(move |_| root_destination(&disk(), wizard.flavor().as_ref()));
    let explanation = move || {
        let disk = disk();
        if !is_root || !disk.destination.is_empty() {
            return None;
        }
        let msg = if disk.source != "image" {
            CreateMsg::ExplainSource
        } else {
            match wizard.flavor() {
                Some(flavor) if flavor.is_u2() => CreateMsg::ExplainU2,
                Some(_) => CreateMsg::ExplainVolume,
                None => CreateMsg::ExplainNoFlavor,
            }
        };
        Some(view! { <p class="note" data-testid="create-destination-why">{i18n.text(msg)}</p> })
    };
    let on_volume = move || {
        if is_root {
            destination.get() == "volume"
        } else {
            disk().destination != "local"
        }
    };
    let path = format!("block_device_mapping_v2[{index}]");
    let id = move |leaf: &str| format!("create-disk-{index}-{leaf}");
    let sources: [(&str, CreateMsg); 3] = [
        ("image", CreateMsg::SourceImage),
        ("volume", CreateMsg::SourceVolume),
        ("snapshot", CreateMsg::SourceSnapshot),
    ];

    view! {
        <div class="disk-row" data-testid="create-disk" data-index=index>
            <h3>
                {if is_root {
                    i18n.text(CreateMsg::RootDisk).into_any()
                } else {
                    view! { {i18n.text(CreateMsg::ExtraVolume)} " " {index} }.into_any()
                }}
            </h3>
            <div class="form-grid">
                <label for=id("source")>{i18n.text(CreateMsg::Source)}</label>
                <select
                    id=id("source")
                    data-testid="create-disk-source"
                    prop:value=move || disk().source
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|d| d.set_source(&value))
                    }
                >
                    {sources
                        .into_iter()
                        .map(|(value, msg)| {
                            view! {
                                <option value=value selected=move || disk().source == value>
                                    {i18n.text(msg)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>

                <Show when=move || !(is_root && disk().source == "image")>
                    <label for=id("uuid")>{i18n.text(CreateMsg::SourceId)}</label>
                    <SourceField index input_id=id("uuid") />
                </Show>

                <label for=id("destination")>{i18n.text(CreateMsg::Destination)}</label>
                <div>
                    <select
                        id=id("destination")
                        data-testid="create-disk-destination"
                        prop:value=move || disk().destination
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|d| d.destination = value.clone())
                        }
                    >
                        {is_root
                            .then(|| {
                                view! {
                                    <option value="" selected=move || disk().destination.is_empty()>
                                        {move || {
                                            format!(
                                                "{} ({})",
                                                i18n.t(CreateMsg::DestinationAuto),
                                                if destination.get() == "local" {
                                                    i18n.t(CreateMsg::DestLocal)
                                                } else {
                                                    i18n.t(CreateMsg::DestVolume)
                                                },
                                            )
                                        }}
                                    </option>
                                }
                            })}
                        <option value="local" selected=move || disk().destination == "local">
                            {i18n.text(CreateMsg::DestLocal)}
                        </option>
                        <option value="volume" selected=move || disk().destination == "volume">
                            {i18n.text(CreateMsg::DestVolume)}
                        </option>
                    </select>
                    {explanation}
                </div>

                <Show when=on_volume>
                    <VolumeFields index />
                </Show>

                <label for=id("boot")>{i18n.text(CreateMsg::BootIndex)}</label>
                <input
                    id=id("boot")
                    type="number"
                    data-testid="create-disk-boot-index"
                    disabled=is_root
                    prop:value=move || disk().boot_index
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|d| d.boot_index = value.clone())
                    }
                />
            </div>
            {field_errors(move |field| within(field, &path))}
            {(!is_root)
                .then(|| {
                    view! {
                        <RemoveButton index list=|d: &mut Draft| &mut d.disks />
                    }
                })}
        </div>
    }
}

/// A disk that is a volume: its type, its size, and whether it goes with the instance, said in
/// words beside the choice.
#[component]
fn VolumeFields(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let draft = expect_wizard().draft;
    let disk = move || draft.with(|d| d.disks.get(index).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Disk)| {
        draft.update(|d| {
            if let Some(disk) = d.disks.get_mut(index) {
                f(disk);
            }
        })
    };
    let id = move |leaf: &str| format!("create-disk-{index}-{leaf}");
    view! {
                <label for=id("type")>{i18n.text(CreateMsg::VolumeType)}</label>
                <select
                    id=id("type")
                    data-testid="create-disk-type"
                    prop:value=move || disk().volume_type
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|d| d.volume_type = value.clone())
                    }
                >
                    {VOLUME_TYPES
                        .into_iter()
                        .map(|t| view! { <option value=t selected=move || disk().volume_type == t>{t}</option> })
                        .collect_view()}
                </select>

                <label for=id("size")>{i18n.text(CreateMsg::SizeGb)}</label>
                <input
                    id=id("size")
                    type="number"
                    min="1"
                    data-testid="create-disk-size"
                    prop:value=move || disk().size
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|d| d.size = value.clone())
                    }
                />

                <span></span>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="create-disk-delete"
                        prop:checked=move || disk().delete_on_termination
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            edit(&|d| d.delete_on_termination = checked)
                        }
                    />
                    {i18n.text(CreateMsg::DeleteOnTermination)}
                </label>
                <span></span>
                <p class="hint" data-testid="create-disk-delete-note">
                    {move || {
                        let disk = disk();
                        i18n.t(match (disk.delete_on_termination, disk.source.as_str()) {
                            (false, _) => CreateMsg::DiskKept,
                            (true, "image") => CreateMsg::DiskDeletedNew,
                            (true, _) => CreateMsg::DiskDeletedExisting,
                        })
                    }}
                </p>
    }
}

/// The source of one entry: an image by typed id, or an existing volume or snapshot picked
/// from the block-storage service's list (name, size, zone, bootable), the ones the guide's
/// rules refuse for this entry greyed out with the reason. A typed id stays possible when the
/// list cannot be read.
#[component]
fn SourceField(index: usize, input_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let disk = move || draft.with(|d| d.disks.get(index).cloned().unwrap_or_default());
    let set_uuid = move |value: String| {
        draft.update(|d| {
            if let Some(disk) = d.disks.get_mut(index) {
                disk.uuid = value;
            }
        })
    };
    let typed = {
        let input_id = input_id.clone();
        move || {
            view! {
                <input
                    id=input_id.clone()
                    type="text"
                    class="mono"
                    data-testid="create-disk-uuid"
                    prop:value=move || disk().uuid
                    on:input=move |ev| set_uuid(event_target_value(&ev))
                />
            }
        }
    };
    let picker = move || {
        let source = disk().source;
        if source == "image" {
            return typed().into_any();
        }
        let list = if source == "snapshot" {
            wizard
                .choices
                .snapshots
                .with(|l| l.as_ref().map(|l| l.is_ok()))
        } else {
            wizard
                .choices
                .volumes
                .with(|l| l.as_ref().map(|l| l.is_ok()))
        };
        match list {
            None => view! { <crate::pages::LoadingRow /> }.into_any(),
            Some(false) => view! {
                <div>
                    {typed()}
                    <p class="hint">{i18n.text(CreateMsg::SourcesUnavailable)}</p>
                </div>
            }
            .into_any(),
            Some(true) => view! { <SourcePicker index input_id=input_id.clone() /> }.into_any(),
        }
    };
    view! { <div>{picker}</div> }
}

/// One option of the source picker.
#[derive(Clone, PartialEq)]
struct SourceOption {
    id: String,
    label: String,
    /// Why the rules refuse it for this entry (empty: it may be chosen).
    refused: Vec<compute_api::FieldError>,
}

#[component]
fn SourcePicker(index: usize, input_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let chosen = Memo::new(move |_| {
        draft.with(|d| d.disks.get(index).map(|disk| disk.uuid.trim().to_string()))
    });
    let options = Memo::new(move |_| {
        let (source, is_root, zone) = draft.with(|d| {
            let source = d.disks.get(index).map(|disk| disk.source.clone());
            (
                source.unwrap_or_default(),
                index == 0,
                zone_without(d, index, wizard),
            )
        });
        let bootable = i18n.t(CreateMsg::Bootable);
        let describe = |name: &str, facts: &BlockSource| {
            let mut parts = Vec::new();
            if let Some(gb) = facts.size {
                parts.push(format!("{gb} GB"));
            }
            if let Some(zone) = &facts.availability_zone {
                parts.push(zone.clone());
            }
            if facts.bootable {
                parts.push(bootable.to_string());
            }
            format!("{name} — {}", parts.join(", "))
        };
        let facts_of = |id: &str| {
            wizard
                .sources
                .with(|all| all.iter().find(|s| s.id == id).cloned())
                .unwrap_or_default()
        };
        let named: Vec<(String, String)> = if source == "snapshot" {
            super::wizard::items(wizard.choices.snapshots)
                .into_iter()
                .filter(|s| s.is_available())
                .map(|s| (s.id.clone(), s.display_name().to_string()))
                .collect()
        } else {
            super::wizard::items(wizard.choices.volumes)
                .into_iter()
                .filter(|v| v.is_available())
                .map(|v| (v.id.clone(), v.display_name().to_string()))
                .collect()
        };
        named
            .into_iter()
            .map(|(id, name)| {
                let facts = facts_of(&id);
                let refused = source_refusals(&facts, is_root, zone.as_deref())
                    .into_iter()
                    .map(|kind| compute_api::FieldError {
                        field: format!("block_device_mapping_v2[{index}].uuid"),
                        kind,
                    })
                    .collect::<Vec<_>>();
                SourceOption {
                    label: describe(&name, &facts),
                    id,
                    refused,
                }
            })
            .collect::<Vec<_>>()
    });
    view! {
        <select
            id=input_id
            data-testid="create-disk-pick"
            prop:value=move || chosen.get().unwrap_or_default()
            on:change=move |ev| {
                let value = event_target_value(&ev);
                draft.update(|d| {
                    if let Some(disk) = d.disks.get_mut(index) {
                        disk.uuid = value;
                    }
                })
            }
        >
            <option value="">
                {move || {
                    let snapshot = draft
                        .with(|d| d.disks.get(index).is_some_and(|disk| disk.source == "snapshot"));
                    i18n.t(if snapshot { CreateMsg::PickSnapshot } else { CreateMsg::PickVolume })
                }}
            </option>
            {move || {
                let current = chosen.get().unwrap_or_default();
                let listed = options.with(|o| o.iter().any(|o| o.id == current));
                // An id typed or restored earlier that the list does not offer (in use, gone):
                // kept, so nothing the user chose disappears silently.
                let kept = (!current.is_empty() && !listed)
                    .then(|| view! { <option value=current.clone() selected=true>{current.clone()}</option> });
                let offered = options
                    .get()
                    .into_iter()
                    .map(|option| {
                        let reason = option
                            .refused
                            .iter()
                            .map(|e| error_text(i18n.lang(), e))
                            .collect::<Vec<_>>()
                            .join("; ");
                        let label = if reason.is_empty() {
                            option.label
                        } else {
                            format!("{} ({reason})", option.label)
                        };
                        let selected = option.id == current;
                        view! {
                            <option
                                value=option.id
                                disabled=!option.refused.is_empty()
                                selected=selected
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view();
                view! { {kept} {offered} }
            }}
        </select>
    }
}

/// The zone the instance goes to, leaving entry `index` out: the one the form names, else the
/// zone of the first other existing volume or snapshot (the zone follows it), else none.
fn zone_without(
    draft: &super::draft::Draft,
    index: usize,
    wizard: super::wizard::Wizard,
) -> Option<String> {
    let named = draft.availability_zone.trim();
    if !named.is_empty() {
        return Some(named.to_string());
    }
    let others: Vec<String> = draft
        .disks
        .iter()
        .enumerate()
        .filter(|(i, disk)| *i != index && matches!(disk.source.as_str(), "volume" | "snapshot"))
        .map(|(_, disk)| disk.uuid.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    wizard.sources.with(|all| {
        others.iter().find_map(|id| {
            all.iter()
                .find(|s| &s.id == id)
                .and_then(|s| s.availability_zone.clone())
        })
    })
}
