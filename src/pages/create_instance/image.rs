//! Step 2: the image (from the image service, or a typed id) and the block storage: the root
//! disk, whose destination follows the flavor, and any extra volumes.

use compute_api::services::Image;
use compute_api::validate::{MIN_LINUX_ROOT_GB, MIN_WINDOWS_ROOT_GB, VOLUME_TYPES};
use leptos::prelude::*;

use super::draft::{root_destination, Disk};
use super::fields::{errors_of, field_errors, within};
use super::{expect_wizard, Wizard};
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
                        edit(&|d| d.source = value.clone())
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
                    <input
                        id=id("uuid")
                        type="text"
                        class="mono"
                        data-testid="create-disk-uuid"
                        prop:value=move || disk().uuid
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|d| d.uuid = value.clone())
                        }
                    />
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
                        <button
                            type="button"
                            class="ghost"
                            on:click=move |_| {
                                draft
                                    .update(|d| {
                                        if index < d.disks.len() {
                                            d.disks.remove(index);
                                        }
                                    })
                            }
                        >
                            {i18n.text(CreateMsg::Remove)}
                        </button>
                    }
                })}
        </div>
    }
}
