//! The Connect panel: the command to reach the instance (SSH for Linux, RDP for Windows) for
//! the address chosen, floating addresses first, with a copy button. Nothing secret is shown:
//! the key pair is named, its private key stays on the user's machine.

use compute_api::connect::{addresses_floating_first, command, connect_for, Connect};
use compute_api::server::Server;
use leptos::prelude::*;

use crate::components::CopyButton;
use crate::i18n::{use_i18n, InstancesMsg as I, Msg};

#[component]
pub fn ConnectPanel(server: Server) -> impl IntoView {
    let i18n = use_i18n();
    let connect = connect_for(&server);
    let addresses = addresses_floating_first(&server);
    let chosen = RwSignal::new(addresses.first().cloned().unwrap_or_default());
    let line = {
        let connect = connect.clone();
        Signal::derive(move || command(&connect, &chosen.get()))
    };
    let (user, note) = match &connect {
        Connect::Ssh {
            user,
            guessed,
            key_name,
        } => {
            let mut notes = Vec::new();
            if *guessed {
                notes.push((I::ConnectUserGuessed, "{user}", user.clone()));
            }
            match key_name {
                Some(key) => notes.push((I::ConnectKeyHint, "{key}", key.clone())),
                None => notes.push((I::ConnectNoKey, "", String::new())),
            }
            (user.clone(), notes)
        }
        Connect::Rdp { user } => (
            user.clone(),
            vec![(I::ConnectRdpHint, "{user}", user.clone())],
        ),
    };
    let has_address = !addresses.is_empty();
    view! {
        <section class="panel connect" data-testid="connect-panel">
            <h2>{i18n.text(I::ConnectTitle)}</h2>
            {if has_address {
                view! {
                    <div class="connect-fields">
                        <label class="inline-field">
                            <span>{i18n.text(Msg::Address)}</span>
                            <select
                                data-testid="connect-address"
                                prop:value=move || chosen.get()
                                on:change=move |ev| chosen.set(event_target_value(&ev))
                            >
                                {addresses
                                    .iter()
                                    .map(|a| view! { <option value=a.clone()>{a.clone()}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <span>
                            {i18n.text(I::ConnectUser)} ": "
                            <span class="mono" data-testid="connect-user">{user}</span>
                        </span>
                    </div>
                    <div class="connect-command">
                        <pre class="raw mono" data-testid="connect-command" tabindex="0">{line}</pre>
                        <CopyButton text=line label=I::CopyCommand testid="connect-copy" />
                    </div>
                }
                    .into_any()
            } else {
                view! { <p class="muted">{i18n.text(I::ConnectNoAddress)}</p> }.into_any()
            }}
            {note
                .into_iter()
                .map(|(msg, placeholder, value)| {
                    view! {
                        <p class="hint" data-testid="connect-note">
                            {move || {
                                let text = i18n.t(msg);
                                if placeholder.is_empty() {
                                    text.to_string()
                                } else {
                                    text.replace(placeholder, &value)
                                }
                            }}
                        </p>
                    }
                })
                .collect_view()}
        </section>
    }
}
