//! The instance list's auto-refresh, and its controls.

use std::collections::HashSet;

use compute_api::refresh;
use compute_api::server_set::{can_merge_changes, ServerSet};
use leptos::prelude::*;

use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::store::ServerList;

/// How often the auto-refresh looks whether a read is due.
const TICK_MS: u64 = 500;

/// Reads the list again by itself. Instances in a transitional state (BUILD, REBOOT, RESIZE
/// …) or running a task are followed: read again after 2 s, doubling the wait up to 30 s while
/// nothing changes, back to 2 s after a change. When the list can be kept current with
/// `changes-since` (the whole tenant, unfiltered) it is also read every 10 s while nothing is
/// under way, since such a read costs only what changed. Paused while the tab is
/// hidden or auto-refresh is off (followed rows are read regardless).
#[derive(Clone, Copy)]
pub struct AutoRefresh {
    delay: StoredValue<u32>,
    due: StoredValue<f64>,
    seen: StoredValue<Option<u64>>,
}

impl AutoRefresh {
    pub fn start(
        list: ServerList,
        auto: RwSignal<bool>,
        following: RwSignal<HashSet<String>>,
    ) -> Self {
        let this = Self {
            delay: StoredValue::new(refresh::FIRST_DELAY_MS),
            // The list was just read (or is being read): nothing is due yet.
            due: StoredValue::new(js_sys::Date::now() + f64::from(refresh::FIRST_DELAY_MS)),
            seen: StoredValue::new(None),
        };
        if let Ok(handle) = set_interval_with_handle(
            move || {
                this.tick(
                    list,
                    auto.get_untracked(),
                    !following.with_untracked(HashSet::is_empty),
                )
            },
            std::time::Duration::from_millis(TICK_MS),
        ) {
            on_cleanup(move || handle.clear());
        }
        this
    }

    /// Reads now, and then from the first wait.
    pub fn now(self, list: ServerList) {
        self.delay.set_value(refresh::FIRST_DELAY_MS);
        self.due
            .set_value(js_sys::Date::now() + f64::from(refresh::FIRST_DELAY_MS));
        self.seen.set_value(None);
        list.refresh_changes();
    }

    fn tick(self, list: ServerList, auto: bool, followed: bool) {
        let now = js_sys::Date::now();
        let busy = list.set.with_untracked(ServerSet::needs_refresh);
        let cheap = can_merge_changes(&list.query());
        if !(followed || (auto && (busy || cheap))) {
            // Next time something is under way, start from the first wait.
            self.delay.set_value(refresh::FIRST_DELAY_MS);
            self.due.set_value(now + f64::from(refresh::FIRST_DELAY_MS));
            self.seen.set_value(None);
            return;
        }
        if document().hidden() || now < self.due.get_value() || list.reading.get_untracked() {
            return;
        }
        let revision = list.set.with_untracked(ServerSet::revision);
        let wait = match self.seen.get_value() {
            _ if !(busy || followed) => refresh::IDLE_DELAY_MS,
            None => refresh::FIRST_DELAY_MS,
            Some(before) => refresh::next_delay_ms(self.delay.get_value(), before != revision),
        };
        self.delay.set_value(wait);
        self.due.set_value(now + f64::from(wait));
        self.seen.set_value(Some(revision));
        list.refresh_changes();
    }
}

/// The list's refresh controls: auto-refresh on or off, when the list was last read, and how
/// many rows a long read has brought so far.
#[component]
pub fn RefreshTools(list: ServerList, following: RwSignal<HashSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let auto = RwSignal::new(true);
    let auto_refresh = AutoRefresh::start(list, auto, following);
    let last_refreshed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if list.ready.get() && !list.reading.get() {
            let now = js_sys::Date::new_0();
            last_refreshed.set(Some(format!(
                "{:02}:{:02}:{:02}",
                now.get_hours(),
                now.get_minutes(),
                now.get_seconds()
            )));
        }
    });
    let progress = move || {
        let loading = list.reading.get() && !list.complete.get() && list.ready.get();
        loading.then(|| {
            i18n.t(InstancesMsg::LoadingMore)
                .replace("{n}", &list.set.with(ServerSet::len).to_string())
        })
    };
    view! {
        <div class="refresh-tools">
            <label>
                <input
                    type="checkbox"
                    data-testid="auto-refresh"
                    prop:checked=move || auto.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        auto.set(on);
                        if on {
                            auto_refresh.now(list);
                        }
                    }
                />
                {i18n.text(Msg::AutoRefresh)}
            </label>
            <span class="muted">
                {i18n.text(Msg::LastRefreshed)} ": "
                <span data-testid="last-refreshed">{move || last_refreshed.get().unwrap_or_else(|| "—".into())}</span>
            </span>
            <span class="muted" role="status" data-testid="list-progress">{progress}</span>
        </div>
    }
}
