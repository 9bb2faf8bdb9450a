//! The overview tab: every field the API gives for a server, and the raw JSON.

use compute_api::server::Server;
use compute_api::status::PowerState;
use leptos::prelude::*;

use crate::components::format::or_dash;
use crate::components::server_fields::{Addresses, ImageLabel};
use crate::components::{CopyButton, StatusBadge, Timestamp};
use crate::i18n::{I18n, InstancesMsg, ListMsg, Msg};
use crate::paths::launch_like_href;
use crate::store::expect_store;

use super::connect::ConnectPanel;

/// The server and the body it came in, pretty-printed.
#[derive(Debug, Clone)]
pub struct Detail {
    pub server: Server,
    pub raw: String,
}

fn power_msg(state: PowerState) -> Msg {
    match state.0 {
        0 => Msg::PowerNoState,
        1 => Msg::PowerRunning,
        3 => Msg::PowerPaused,
        4 => Msg::PowerShutdown,
        6 => Msg::PowerCrashed,
        7 => Msg::PowerSuspended,
        _ => Msg::PowerUnknown,
    }
}

fn row(i18n: I18n, label: Msg, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="kv">
            <dt>{i18n.text(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

pub fn server_view(i18n: I18n, detail: Detail, flavor_name: Option<String>) -> impl IntoView {
    let Detail { server: s, raw } = detail;
    let flavor = s.flavor.as_ref().map(|f| match &flavor_name {
        Some(name) => format!("{name} ({})", f.id),
        None => f.id.clone(),
    });
    let image = s
        .image
        .as_ref()
        .map(|i| i.id.clone())
        .filter(|i| !i.is_empty());
    let power = s.power_state.map(|p| {
        let msg = power_msg(p);
        view! { <span>{i18n.text(msg)} <span class="muted">" (" {p.0} ")"</span></span> }
    });
    let addresses: Vec<_> = s
        .addresses
        .iter()
        .flat_map(|(net, addrs)| addrs.iter().map(move |a| (net.clone(), a.clone())))
        .collect();
    let connect = s.clone();
    view! {
        <ConnectPanel server=connect />
        <section class="panel">
            <h2>{i18n.text(Msg::Overview)}</h2>
            <dl class="kv-grid">
                {row(i18n, Msg::Id, view! { <span class="mono">{s.id.clone()}</span> })}
                {row(i18n, Msg::ColStatus, s.status.as_str().to_string())}
                {row(i18n, Msg::ColTaskState, or_dash(s.task_state.as_ref().map(|t| t.0.clone())))}
                {row(i18n, Msg::ColPowerState, power)}
                {row(i18n, Msg::VmState, or_dash(s.vm_state.clone()))}
                {row(i18n, Msg::ColFlavor, view! { <span data-testid="instance-flavor">{or_dash(flavor)}</span> })}
                {row(i18n, Msg::ColImage, match image {
                    Some(id) => view! { <ImageCell id /> }.into_any(),
                    None => i18n.text(Msg::BootFromVolume).into_any(),
                })}
                {row(i18n, Msg::ColKeypair, or_dash(s.key_name.clone()))}
                {row(i18n, Msg::ColZone, or_dash(s.availability_zone.clone()))}
                {row(i18n, Msg::ColCreated, view! { <Timestamp value=s.created.clone() /> })}
                {row(i18n, Msg::Updated, view! { <Timestamp value=s.updated.clone() /> })}
                {row(i18n, Msg::LaunchedAt, view! { <Timestamp value=s.launched_at.clone() /> })}
                {row(i18n, Msg::TerminatedAt, view! { <Timestamp value=s.terminated_at.clone() /> })}
                {row(i18n, Msg::DiskConfig, view! { <span data-testid="instance-disk-config">{or_dash(s.disk_config.clone())}</span> })}
                {row(i18n, Msg::EphemeralDisk, view! {
                    <span data-testid="instance-ephemeral">
                        {or_dash(s.ephemeral_disk_size.map(|gb| format!("{gb} GB")))}
                    </span>
                })}
                {row(i18n, Msg::HostId, view! { <span class="mono small">{or_dash(s.host_id.clone())}</span> })}
                {row(i18n, Msg::TenantId, view! { <span class="mono small">{or_dash(s.tenant_id.clone())}</span> })}
                {row(i18n, Msg::UserId, view! { <span class="mono small">{or_dash(s.user_id.clone())}</span> })}
                {row(i18n, Msg::ColAddresses, view! { <Addresses addresses=s.addresses.clone() /> })}
            </dl>
        </section>
        <section class="panel">
            <h2>{i18n.text(Msg::ColAddresses)}</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Network)}</th>
                        <th scope="col">{i18n.text(Msg::Address)}</th>
                        <th scope="col">{i18n.text(Msg::IpVersion)}</th>
                        <th scope="col">{i18n.text(Msg::IpType)}</th>
                        <th scope="col">{i18n.text(Msg::MacAddress)}</th>
                    </tr>
                </thead>
                <tbody>
                    {addresses
                        .into_iter()
                        .map(|(net, a)| {
                            view! {
                                <tr>
                                    <td>{net}</td>
                                    <td class="mono">{a.addr}</td>
                                    <td>{or_dash(a.version)}</td>
                                    <td>{or_dash(a.ip_type)}</td>
                                    <td class="mono small">{or_dash(a.mac_addr)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        <div class="panel-row">
            <section class="panel">
                <h2>{i18n.text(Msg::SecurityGroups)}</h2>
                {list_or_none(i18n, s.security_groups.iter().map(|g| g.name.clone()).collect())}
            </section>
            <section class="panel">
                <h2>{i18n.text(Msg::AttachedVolumes)}</h2>
                {list_or_none(i18n, s.volumes_attached.iter().map(|v| v.id.clone()).collect())}
            </section>
            <section class="panel">
                <h2>{i18n.text(Msg::Metadata)}</h2>
                {if s.metadata.is_empty() {
                    view! { <p class="muted">{i18n.text(Msg::None)}</p> }.into_any()
                } else {
                    view! {
                        <dl class="kv-grid">
                            {s
                                .metadata
                                .iter()
                                .map(|(k, v)| {
                                    view! {
                                        <div class="kv">
                                            <dt class="mono">{k.clone()}</dt>
                                            <dd>{v.clone()}</dd>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                        .into_any()
                }}
            </section>
        </div>
        <details class="panel raw-json">
            <summary>{i18n.text(Msg::RawJson)}</summary>
            <pre class="raw">{raw}</pre>
        </details>
    }
}

/// The image's name (read once per id), its id on hover and a button to copy the id.
#[component]
fn ImageCell(id: String) -> impl IntoView {
    let images = expect_store().images;
    images.want([id.as_str()]);
    let title = id.clone();
    let copied = id.clone();
    view! {
        <span title=title data-testid="instance-image">
            <ImageLabel id names=images.all() />
        </span>
        " "
        <CopyButton text=copied label=ListMsg::CopyImageId testid="copy-image-id" />
    }
}

fn list_or_none(i18n: I18n, items: Vec<String>) -> impl IntoView {
    if items.is_empty() {
        view! { <p class="muted">{i18n.text(Msg::None)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {items.into_iter().map(|i| view! { <li class="mono">{i}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// The instance's name and status, and its fault when in ERROR: shown above the tabs.
pub fn server_header(i18n: I18n, s: &Server) -> impl IntoView {
    let fault = s.fault.clone();
    view! {
        <header class="page-header">
            <h1 data-testid="instance-name">{s.display_name().to_string()}</h1>
            <span data-testid="instance-status" data-status=s.status.as_str().to_string()>
                <StatusBadge status=s.status.clone() />
            </span>
            <a class="button header-action" data-testid="launch-like" href=launch_like_href(&s.id)>
                {i18n.text(InstancesMsg::LaunchLike)}
            </a>
        </header>
        {fault
            .map(|f| {
                view! {
                    <section class="fault-box" role="alert">
                        <h2>{i18n.text(Msg::Fault)}</h2>
                        <p>{f.message}</p>
                        <p class="muted">
                            {i18n.text(Msg::FaultCode)} ": " {or_dash(f.code)}
                        </p>
                        {f.details.map(|d| view! { <pre class="raw">{d}</pre> })}
                    </section>
                }
            })}
    }
}
