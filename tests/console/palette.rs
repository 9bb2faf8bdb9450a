//! The command palette's commands for a query, and dialogs giving the focus back.

use compute_api::rules::Operation;
use compute_api::server_set::ServerSet;
use compute_console::palette::{commands, Target};

use super::*;

const FIRST: &str = "1b1a7a3c-0000-4000-8000-000000000001";
const SHUTOFF: &str = "1b1a7a3c-0000-4000-8000-000000000002";

fn set() -> ServerSet {
    ServerSet::from_servers(servers())
}

fn regions() -> Vec<String> {
    vec!["KR1".into(), "KR2".into(), "JP1".into()]
}

#[wasm_bindgen_test]
fn an_address_finds_its_instance_first_with_the_actions_the_rules_allow() {
    let found = commands("133.186.1.2", &set(), &regions(), "KR1", Lang::En);
    assert_eq!(found[0].target, Target::Instance(FIRST.into()));
    assert!(
        found[0].detail.starts_with("ACTIVE · 133.186.1.2"),
        "{}",
        found[0].detail
    );
    let ops: Vec<Operation> = found
        .iter()
        .filter_map(|c| match &c.target {
            Target::Action { id, op, .. } if id == FIRST => Some(*op),
            _ => None,
        })
        .collect();
    // ACTIVE: everything the row menu has but start.
    assert_eq!(
        ops,
        [
            Operation::Stop,
            Operation::RebootSoft,
            Operation::RebootHard,
            Operation::Delete
        ]
    );
    // The name is text for the view; the label holds it as is.
    assert!(found[1].label.ends_with("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn a_name_an_id_pages_and_regions_are_found_and_the_current_region_is_not() {
    let found = commands("batch", &set(), &regions(), "KR1", Lang::En);
    assert_eq!(found[0].target, Target::Instance(SHUTOFF.into()));
    assert!(found.iter().any(|c| matches!(&c.target,
        Target::Action { op: Operation::Start, id, .. } if id == SHUTOFF)));
    let by_id = commands(SHUTOFF, &set(), &regions(), "KR1", Lang::En);
    assert_eq!(by_id[0].target, Target::Instance(SHUTOFF.into()));

    let pages = commands("pairs", &set(), &regions(), "KR1", Lang::En);
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].target, Target::Page("/keypairs"));
    // The page names are the page's language.
    let korean = commands("키페어", &set(), &regions(), "KR1", Lang::Ko);
    assert_eq!(korean[0].target, Target::Page("/keypairs"));

    let regions_found = commands("region", &set(), &regions(), "KR1", Lang::En);
    let targets: Vec<&Target> = regions_found.iter().map(|c| &c.target).collect();
    assert_eq!(
        targets,
        [&Target::Region("KR2".into()), &Target::Region("JP1".into())]
    );
    // Nothing typed: every page and the other regions, no instance.
    let idle = commands("  ", &set(), &regions(), "KR1", Lang::En);
    assert!(idle
        .iter()
        .all(|c| !matches!(c.target, Target::Instance(_) | Target::Action { .. })));
    assert_eq!(idle.len(), 5 + 2);
    assert!(commands("zzz-nothing", &set(), &regions(), "KR1", Lang::En).is_empty());
}

#[wasm_bindgen_test]
async fn a_dialog_gives_the_focus_back_to_what_opened_it() {
    let open = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <button type="button" data-testid="opener" on:click=move |_| open.set(true)>"open"</button>
            {move || open.get().then(|| view! {
                <ConfirmDialog
                    message=Signal::stored("sure?".to_string())
                    on_ok=Callback::new(move |_| open.set(false))
                    on_cancel=Callback::new(move |_| open.set(false))
                />
            })}
        }
    });
    tick().await;
    let opener = by_testid(&root, "opener");
    opener.focus().unwrap();
    opener.click();
    tick().await;
    let active = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
    };
    assert_eq!(active().as_deref(), Some("confirm-cancel"));
    by_testid(&root, "confirm-cancel").click();
    tick().await;
    assert_eq!(active().as_deref(), Some("opener"));
}
