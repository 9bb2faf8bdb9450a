//! `/instances/new`: the create-instance wizard. One small module per step; the form lives in
//! [`draft::Draft`] (kept in this tab's `sessionStorage`), every keystroke is checked with compute-api's
//! `validate_create`, and [`submit`] sends the request once and follows what it created.
//!
//! [`CreateWizard`] takes its pickers' lists as [`Choices`] so it can be mounted with fixed
//! data; [`CreateInstancePage`] fills them from the APIs.

mod access;
mod advanced;
mod basics;
pub mod draft;
mod fields;
mod flavor;
mod image;
pub mod like;
mod network;
mod review;
mod steps;
pub mod submit;
mod wizard;

use compute_api::flavor::FlavorList;
use compute_api::keypair::KeypairList;
use compute_api::request::{self, FlavorQuery, Service};
use compute_api::server::CreateServer;
use compute_api::services::{
    Image, ImageList, NetworkList, Port, PortList, SecurityGroupList, SnapshotList, SubnetList,
    VolumeList,
};
use compute_api::zone::AvailabilityZoneList;
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::{expect_api, Api};
use crate::components::ErrorMessage;
use crate::i18n::{use_i18n, CreateMsg, InstancesMsg};
use crate::session::{expect_config, expect_session, use_session};
use crate::tasks::TaskScope;
use draft::{Draft, Step};
pub use fields::error_text;
use like::Prefill;
use steps::{StepList, WizardButtons};
use wizard::step_title;
pub use wizard::{expect_wizard, Choice, Choices, Wizard};

/// The wizard: steps, navigation, the review and the Submit button. `on_submit` gets the
/// request when the user presses Submit; `blocked` keeps Submit disabled (a request in
/// flight, or an outcome to settle first).
#[component]
pub fn CreateWizard(
    /// The pickers' lists.
    choices: Choices,
    /// Called with the request on Submit (never more than once per press).
    #[prop(into)]
    on_submit: Callback<CreateServer>,
    /// Submit stays disabled while this is true.
    #[prop(optional, into)]
    blocked: Signal<bool>,
    /// A request is in flight (Submit says so).
    #[prop(optional, into)]
    sending: Signal<bool>,
    /// The compute base URL, for the `curl` command.
    #[prop(optional, into)]
    compute_base: Option<String>,
    /// A form filled from an existing server ("launch more like this"): it replaces the draft
    /// when it arrives.
    #[prop(optional, into)]
    prefill: Signal<Option<Prefill>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The draft of this tenant and user; a reload, a navigation or a re-login finds it again.
    let key = use_session()
        .and_then(|session| {
            session.current.with_untracked(|s| {
                s.as_ref().map(|s| {
                    draft::storage_key(&s.tenant_id, s.username.as_deref().unwrap_or_default())
                })
            })
        })
        .unwrap_or_else(|| draft::storage_key("", ""));
    let restored = draft::load(&key);
    let was_restored = restored.is_some();
    let user_data_left_out = restored.as_ref().is_some_and(|r| r.user_data_left_out);
    let draft = RwSignal::new(restored.map(|r| r.draft).unwrap_or_default());
    draft::keep_saved(draft, key);
    let wizard = Wizard::new(draft, choices);
    provide_context(wizard);
    let show_restored = RwSignal::new(was_restored);
    let prefilled = RwSignal::new(None::<Prefill>);
    Effect::new(move |_| {
        if let Some(p) = prefill.get() {
            draft.set(p.draft.clone());
            show_restored.set(false);
            prefilled.set(Some(p));
        }
    });
    let compute_base = compute_base.unwrap_or_else(|| "$OS_COMPUTE_URL".to_string());

    let start_over = move |_| {
        draft::clear();
        draft.set(Draft::default());
        show_restored.set(false);
        prefilled.set(None);
    };
    let step = wizard.step;

    view! {
        <section class="page create-page">
            <header class="page-header">
                <h1>{i18n.text(InstancesMsg::CreateInstance)}</h1>
                <button type="button" class="ghost" data-testid="create-start-over" on:click=start_over>
                    {i18n.text(CreateMsg::StartOver)}
                </button>
            </header>
            <p class="hint">{i18n.text(CreateMsg::DraftNote)}</p>
            <Show when=move || show_restored.get()>
                <p class="note" role="status" data-testid="create-draft-restored">
                    {i18n.text(CreateMsg::DraftRestored)}
                    {user_data_left_out.then(|| view! {
                        " "
                        <span data-testid="create-draft-user-data-left-out">
                            {i18n.text(CreateMsg::DraftUserDataLeftOut)}
                        </span>
                    })}
                </p>
            </Show>
            {move || prefilled.get().map(|p| view! { <PrefillNotice prefill=p /> })}
            <div class="wizard">
                <StepList />
                <div class="wizard-body">
                    <h2>{move || i18n.t(step_title(step.get()))}</h2>
                    {move || match step.get() {
                        Step::Basics => view! { <basics::BasicsStep /> }.into_any(),
                        Step::Image => view! { <image::ImageStep /> }.into_any(),
                        Step::Flavor => view! { <flavor::FlavorStep /> }.into_any(),
                        Step::Network => view! { <network::NetworkStep /> }.into_any(),
                        Step::Access => view! { <access::AccessStep /> }.into_any(),
                        Step::Advanced => view! { <advanced::AdvancedStep /> }.into_any(),
                        Step::Review => {
                            let base = compute_base.clone();
                            view! { <review::ReviewStep compute_base=base /> }.into_any()
                        }
                    }}
                    <WizardButtons on_submit blocked sending />
                </div>
            </div>
        </section>
    }
}

/// What a form filled from a server carries over and what the user has to do.
#[component]
fn PrefillNotice(prefill: Prefill) -> impl IntoView {
    let i18n = use_i18n();
    let name = prefill.source.clone();
    let unmatched = prefill.networks_unmatched.join(", ");
    view! {
        <div class="note" role="status" data-testid="create-prefilled">
            <p>{move || i18n.t(CreateMsg::PrefilledFrom).replace("{name}", &name)}</p>
            <p class="hint">{i18n.text(CreateMsg::PrefillLeftOut)}</p>
            {prefill.image_needed.then(|| view! {
                <p data-testid="create-prefill-image-needed">{i18n.text(CreateMsg::PrefillImageNeeded)}</p>
            })}
            {(!unmatched.is_empty()).then(|| view! {
                <p data-testid="create-prefill-networks">
                    {move || i18n.t(CreateMsg::PrefillNetworksUnmatched).replace("{names}", &unmatched)}
                </p>
            })}
        </div>
    }
}

/// The route: fills the pickers from the APIs and sends the request; with `?like=<id>`, fills
/// the form from that server first.
#[component]
pub fn CreateInstancePage() -> impl IntoView {
    let api = expect_api();
    let session = expect_session();
    let config = expect_config();
    let choices = Choices::new();
    let tasks = TaskScope::new();
    load_choices(api, tasks, choices);
    let (prefill, like_error, like_loading) = load_like(api, tasks);
    let compute_base = session.current.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.base(&config, Service::Compute))
            .unwrap_or_default()
    });
    let submission = submit::Submission::new(api);
    let blocked = Signal::derive(move || submission.blocks_submit());
    let sending = Signal::derive(move || submission.is_sending());
    view! {
        <CreateWizard
            choices
            on_submit=move |server| submission.send(server)
            blocked
            sending
            compute_base
            prefill
        />
        <Show when=move || like_loading.get()>
            <p class="muted" role="status" data-testid="create-like-loading">
                {use_i18n().text(CreateMsg::LikeLoading)}
            </p>
        </Show>
        {move || like_error.get().map(|error| view! { <ErrorMessage error /> })}
        <submit::SubmitOutcome submission />
    }
}

/// With `?like=<id>`: reads that server into a form, then drops the parameter from the URL so
/// a reload keeps the user's edits (the draft) instead of filling the form again.
fn load_like(
    api: Api,
    tasks: TaskScope,
) -> (
    RwSignal<Option<Prefill>>,
    RwSignal<Option<ApiError>>,
    RwSignal<bool>,
) {
    let prefill = RwSignal::new(None);
    let error = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let like = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("like"))
        .filter(|id| !id.is_empty());
    if let Some(id) = like {
        loading.set(true);
        let navigate = leptos_router::hooks::use_navigate();
        let volumes = crate::store::expect_store().volumes;
        tasks.spawn(async move {
            let read = like::read_prefill(api, volumes, id).await;
            loading.set(false);
            match read {
                Ok(filled) => {
                    prefill.set(Some(filled));
                    navigate(
                        "/instances/new",
                        leptos_router::NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
    (prefill, error, loading)
}

/// Fetches every picker's list once; a missing service leaves its error (typed ids work).
fn load_choices(api: Api, tasks: TaskScope, choices: Choices) {
    fn fill<T, L, F>(
        api: Api,
        tasks: TaskScope,
        target: Choice<T>,
        request: compute_api::Request<L>,
        pick: F,
    ) where
        T: Send + Sync + 'static,
        L: serde::de::DeserializeOwned + 'static,
        F: FnOnce(L) -> Vec<T> + 'static,
    {
        tasks.spawn(async move {
            let loaded = api.fetch(&request).await.map(pick);
            target.set(Some(loaded));
        });
    }
    fill(
        api,
        tasks,
        choices.zones,
        request::list_availability_zones(),
        |l: AvailabilityZoneList| l.availability_zone_info,
    );
    fill(
        api,
        tasks,
        choices.flavors,
        request::list_flavors_detail(&FlavorQuery::default()),
        |l: FlavorList| l.flavors,
    );
    fill(
        api,
        tasks,
        choices.keypairs,
        request::list_keypairs(),
        |l: KeypairList| l.keypairs.into_iter().map(|k| k.keypair).collect(),
    );
    fill(
        api,
        tasks,
        choices.networks,
        request::list_networks(),
        |l: NetworkList| {
            l.networks
                .into_iter()
                .filter(|n| !n.is_external())
                .collect()
        },
    );
    fill(
        api,
        tasks,
        choices.subnets,
        request::list_subnets(),
        |l: SubnetList| l.subnets,
    );
    fill(
        api,
        tasks,
        choices.ports,
        request::list_ports(None),
        |l: PortList| l.ports.into_iter().filter(Port::is_free).collect(),
    );
    fill(
        api,
        tasks,
        choices.security_groups,
        request::list_security_groups(),
        |l: SecurityGroupList| l.security_groups,
    );
    fill(
        api,
        tasks,
        choices.volumes,
        request::list_volumes(),
        |l: VolumeList| l.volumes,
    );
    fill(
        api,
        tasks,
        choices.snapshots,
        request::list_snapshots(),
        |l: SnapshotList| l.snapshots,
    );
    tasks.spawn(async move {
        choices.images.set(Some(all_images(api).await));
    });
}

/// The image list, following `next` for a few pages (a tenant's images plus the public ones
/// fit easily; the typed id covers the rest).
async fn all_images(api: Api) -> Result<Vec<Image>, ApiError> {
    const PAGES: usize = 5;
    let mut images = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..PAGES {
        let page: ImageList = api
            .fetch(&request::list_images(Some(100), marker.as_deref()))
            .await?;
        images.extend(page.images.iter().cloned());
        marker = page.next_marker();
        if marker.is_none() {
            break;
        }
    }
    Ok(images)
}
