//! What the command palette offers for a query: instances by name, id or address (from the
//! loaded list), the actions the rules allow on the best match, pages and regions.

use compute_api::connect::addresses_floating_first;
use compute_api::rules::{check, Operation, ServerFacts};
use compute_api::server::Server;
use compute_api::server_set::{filter_words, Row, ServerSet};

use crate::i18n::{InstancesMsg, Lang, Message, Msg, PaletteMsg};
use crate::operations::{operation_msg, row_operations};

/// Instances listed for one query, at most.
pub const MAX_INSTANCES: usize = 8;

/// The pages, by their router path and name.
const PAGES: [(&str, PageName); 5] = [
    ("/instances", PageName::Shared(Msg::NavInstances)),
    ("/instances/new", PageName::Create),
    ("/keypairs", PageName::Shared(Msg::NavKeypairs)),
    ("/flavors", PageName::Shared(Msg::NavFlavors)),
    ("/zones", PageName::Shared(Msg::NavZones)),
];

#[derive(Clone, Copy)]
enum PageName {
    Shared(Msg),
    Create,
}

impl PageName {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            PageName::Shared(msg) => msg.text(lang),
            PageName::Create => InstancesMsg::CreateInstance.text(lang),
        }
    }
}

/// What a command does.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Opens an instance's page.
    Instance(String),
    /// Runs an operation on an instance (with the same confirmation as its buttons).
    Action {
        id: String,
        name: String,
        op: Operation,
    },
    /// Goes to a page (a router path).
    Page(&'static str),
    Region(String),
}

/// One line of the palette.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub target: Target,
    pub label: String,
    /// A second, quieter text (an address, an id).
    pub detail: String,
    pub kind: PaletteMsg,
}

impl Command {
    /// A stable key for the line (its element id and test value).
    pub fn key(&self) -> String {
        match &self.target {
            Target::Instance(id) => format!("instance:{id}"),
            Target::Action { id, op, .. } => format!("action:{op:?}:{id}").to_lowercase(),
            Target::Page(path) => format!("page:{path}"),
            Target::Region(region) => format!("region:{region}"),
        }
    }
}

/// Whether the query names the server exactly (its name, id or one of its addresses).
fn exact(server: &Server, query: &str) -> bool {
    server.name.eq_ignore_ascii_case(query)
        || server.id == query
        || server.addresses.values().flatten().any(|a| a.addr == query)
}

/// The commands for `query`, best first: instances (an exact name, id or address first), the
/// allowed actions on the first of them, then pages and other regions whose name matches.
pub fn commands(
    query: &str,
    servers: &ServerSet,
    regions: &[String],
    current_region: &str,
    lang: Lang,
) -> Vec<Command> {
    let query = query.trim();
    let lowered = query.to_lowercase();
    let mut out = vec![];
    if !query.is_empty() {
        // References, not copies: this runs on every keystroke over up to 10 000 rows.
        let words = filter_words(query);
        let mut found: Vec<&Row> = servers
            .rows()
            .iter()
            .filter(|r| r.matches(&words))
            .collect();
        // A stable sort: exact matches first, the list's order otherwise.
        found.sort_by_key(|row| !exact(&row.server, query));
        for (i, row) in found.iter().take(MAX_INSTANCES).enumerate() {
            let server = &row.server;
            let name = server.display_name().to_string();
            out.push(Command {
                target: Target::Instance(server.id.clone()),
                label: name.clone(),
                detail: format!(
                    "{} · {}",
                    server.status.as_str(),
                    addresses_floating_first(server).join(", ")
                ),
                kind: PaletteMsg::KindInstance,
            });
            if i > 0 {
                continue;
            }
            let facts = ServerFacts::from_server(server, None);
            for op in row_operations() {
                if check(op, &facts).is_ok() {
                    out.push(Command {
                        target: Target::Action {
                            id: server.id.clone(),
                            name: name.clone(),
                            op,
                        },
                        label: format!("{}: {name}", operation_msg(op).text(lang)),
                        detail: server.status.as_str().to_string(),
                        kind: PaletteMsg::KindAction,
                    });
                }
            }
        }
    }
    for (path, name) in PAGES {
        let label = name.text(lang);
        if lowered.is_empty() || label.to_lowercase().contains(&lowered) {
            out.push(Command {
                target: Target::Page(path),
                label: label.to_string(),
                detail: String::new(),
                kind: PaletteMsg::KindPage,
            });
        }
    }
    let region_word = PaletteMsg::KindRegion.text(lang).to_lowercase();
    for region in regions.iter().filter(|r| *r != current_region) {
        let label = PaletteMsg::SwitchRegion
            .text(lang)
            .replace("{region}", region);
        let matches = lowered.is_empty()
            || region.to_lowercase().contains(&lowered)
            || region_word.contains(&lowered)
            || label.to_lowercase().contains(&lowered);
        if matches {
            out.push(Command {
                target: Target::Region(region.clone()),
                label,
                detail: String::new(),
                kind: PaletteMsg::KindRegion,
            });
        }
    }
    out
}
