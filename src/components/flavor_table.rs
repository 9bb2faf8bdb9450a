//! The flavor table: every documented column, sortable by clicking (or pressing Enter on) a
//! column header, with `aria-sort` on the sorted one. The sort is a value the caller keeps
//! (the flavor page keeps it in the URL).

use std::cmp::Ordering;

use compute_api::flavor::Flavor;
use leptos::prelude::*;

use crate::components::format::{disk_gb, or_dash, ram_mb};
use crate::i18n::{use_i18n, I18n, Msg, ResourcesMsg};

/// A sortable column of the flavor table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlavorColumn {
    Name,
    /// The id: the list's flavor filter and the API take it.
    Id,
    Vcpus,
    Ram,
    RootDisk,
    Ephemeral,
    Swap,
    Type,
    /// `rxtx_factor`: the network bandwidth factor relative to the base.
    RxtxFactor,
    Public,
    Disabled,
}

impl FlavorColumn {
    pub const ALL: [FlavorColumn; 11] = [
        Self::Name,
        Self::Id,
        Self::Vcpus,
        Self::Ram,
        Self::RootDisk,
        Self::Ephemeral,
        Self::Swap,
        Self::Type,
        Self::RxtxFactor,
        Self::Public,
        Self::Disabled,
    ];

    /// The column's name in the URL (`?sort=ram`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Id => "id",
            Self::Vcpus => "vcpus",
            Self::Ram => "ram",
            Self::RootDisk => "disk",
            Self::Ephemeral => "ephemeral",
            Self::Swap => "swap",
            Self::Type => "type",
            Self::RxtxFactor => "rxtx",
            Self::Public => "public",
            Self::Disabled => "disabled",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    fn label(self) -> Msg {
        match self {
            Self::Name => Msg::ColName,
            Self::Id => Msg::Id,
            Self::Vcpus => Msg::ColVcpus,
            Self::Ram => Msg::ColRam,
            Self::RootDisk => Msg::ColRootDisk,
            Self::Ephemeral => Msg::ColEphemeral,
            Self::Swap => Msg::ColSwap,
            Self::Type => Msg::ColFlavorType,
            Self::RxtxFactor => Msg::ColRxtxFactor,
            Self::Public => Msg::ColPublic,
            Self::Disabled => Msg::ColDisabled,
        }
    }

    fn numeric(self) -> bool {
        matches!(
            self,
            Self::Vcpus
                | Self::Ram
                | Self::RootDisk
                | Self::Ephemeral
                | Self::Swap
                | Self::RxtxFactor
        )
    }

    /// Compares two flavors on this column; a missing value sorts before any value.
    fn compare(self, a: &Flavor, b: &Flavor) -> Ordering {
        match self {
            Self::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Self::Id => a.id.cmp(&b.id),
            Self::Vcpus => a.vcpus.cmp(&b.vcpus),
            Self::Ram => a.ram.cmp(&b.ram),
            Self::RootDisk => a.disk.cmp(&b.disk),
            Self::Ephemeral => a.ephemeral.cmp(&b.ephemeral),
            Self::Swap => a.swap.cmp(&b.swap),
            Self::Type => a.flavor_type().cmp(&b.flavor_type()),
            Self::RxtxFactor => a
                .rxtx_factor
                .partial_cmp(&b.rxtx_factor)
                .unwrap_or(Ordering::Equal),
            Self::Public => a.is_public.cmp(&b.is_public),
            Self::Disabled => a.disabled.cmp(&b.disabled),
        }
    }
}

/// The sort of the flavor table: a column and a direction. By default, by name ascending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlavorSort {
    pub column: FlavorColumn,
    pub descending: bool,
}

impl Default for FlavorSort {
    fn default() -> Self {
        Self {
            column: FlavorColumn::Name,
            descending: false,
        }
    }
}

impl FlavorSort {
    /// The sort after activating `column`'s header: the same column flips its direction, another
    /// column starts ascending.
    pub fn toggled(self, column: FlavorColumn) -> Self {
        if self.column == column {
            Self {
                column,
                descending: !self.descending,
            }
        } else {
            Self {
                column,
                descending: false,
            }
        }
    }

    /// Sorts `flavors` in place; ties keep the name order, then the id order, so the order is
    /// the same on every load.
    pub fn apply(self, flavors: &mut [Flavor]) {
        flavors.sort_by(|a, b| {
            let primary = self.column.compare(a, b);
            let primary = if self.descending {
                primary.reverse()
            } else {
                primary
            };
            primary
                .then_with(|| FlavorColumn::Name.compare(a, b))
                .then_with(|| a.id.cmp(&b.id))
        });
    }
}

fn yes_no(i18n: I18n, value: Option<bool>) -> impl IntoView {
    match value {
        Some(true) => i18n.text(Msg::Yes).into_any(),
        Some(false) => i18n.text(Msg::No).into_any(),
        None => "—".into_any(),
    }
}

fn flavor_row(i18n: I18n, f: Flavor) -> impl IntoView {
    let kind = f.flavor_type().map(str::to_string);
    let name = f.name.clone();
    view! {
        <tr data-testid="flavor-row" data-id=f.id.clone() data-name=name>
            <td>{f.name}</td>
            <td class="mono small" data-testid="flavor-id">{f.id.clone()}</td>
            <td class="num">{or_dash(f.vcpus)}</td>
            <td class="num" data-ram=f.ram.map(|r| r.to_string())>{or_dash(f.ram.map(ram_mb))}</td>
            <td class="num">{or_dash(f.disk.map(disk_gb))}</td>
            <td class="num">{or_dash(f.ephemeral.map(disk_gb))}</td>
            <td class="num">{or_dash(f.swap.filter(|s| *s > 0))}</td>
            <td>{or_dash(kind)}</td>
            <td class="num">{or_dash(f.rxtx_factor)}</td>
            <td>{yes_no(i18n, f.is_public)}</td>
            <td>{yes_no(i18n, f.disabled)}</td>
        </tr>
    }
}

/// The flavor table.
#[component]
pub fn FlavorTable(
    /// The flavors as loaded (any order).
    flavors: Vec<Flavor>,
    /// The current sort.
    #[prop(into)]
    sort: Signal<FlavorSort>,
    /// Called with the new sort when a header is activated.
    on_sort: Callback<FlavorSort>,
) -> impl IntoView {
    let i18n = use_i18n();
    let flavors = StoredValue::new(flavors);
    let header = move |column: FlavorColumn| {
        let aria_sort = move || {
            let s = sort.get();
            match (s.column == column, s.descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            }
        };
        let direction = move || {
            let s = sort.get();
            (s.column == column).then(|| {
                view! {
                    <span class="sort-mark" aria-hidden="true">{if s.descending { "▼" } else { "▲" }}</span>
                    <span class="visually-hidden">
                        {i18n.t(if s.descending { ResourcesMsg::SortDescending } else { ResourcesMsg::SortAscending })}
                    </span>
                }
            })
        };
        view! {
            <th
                scope="col"
                class:num=column.numeric()
                aria-sort=aria_sort
                data-sort-key=column.key()
            >
                // A button, so the header is reached with Tab and activated with Enter or Space.
                <button
                    type="button"
                    class="sort-button"
                    data-testid=format!("sort-{}", column.key())
                    on:click=move |_| on_sort.run(sort.get_untracked().toggled(column))
                >
                    {i18n.text(column.label())}
                    {direction}
                </button>
            </th>
        }
    };
    view! {
        <table class="data-table sortable">
            <thead>
                <tr>{FlavorColumn::ALL.into_iter().map(header).collect_view()}</tr>
            </thead>
            <tbody>
                {move || {
                    let mut list = flavors.get_value();
                    sort.get().apply(&mut list);
                    list.into_iter().map(|f| flavor_row(i18n, f)).collect_view()
                }}
            </tbody>
        </table>
    }
}
