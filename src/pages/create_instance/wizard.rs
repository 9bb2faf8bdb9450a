//! The wizard's state, in context for the step modules: the draft, the pickers' lists, the
//! request as it would be sent and every rule it breaks.

use compute_api::block_source::BlockSource;
use compute_api::flavor::Flavor;
use compute_api::keypair::Keypair;
use compute_api::server::CreateServer;
use compute_api::services::{Image, Network, Port, SecurityGroup, Snapshot, Subnet, Volume};
use compute_api::zone::AvailabilityZone;
use compute_api::{validate_create, ApiError, FieldError};
use leptos::prelude::*;

use super::draft::{Chosen, Draft, Step};
use crate::i18n::CreateMsg;

/// A picker's list: `None` while loading, an error when the service is missing or failed
/// (a typed id still works then).
pub type Choice<T> = RwSignal<Option<Result<Vec<T>, ApiError>>>;

/// Everything the pickers offer.
#[derive(Clone, Copy)]
pub struct Choices {
    pub zones: Choice<AvailabilityZone>,
    pub images: Choice<Image>,
    pub flavors: Choice<Flavor>,
    pub networks: Choice<Network>,
    pub subnets: Choice<Subnet>,
    pub ports: Choice<Port>,
    pub keypairs: Choice<Keypair>,
    pub security_groups: Choice<SecurityGroup>,
    /// Every volume (the block storage pickers offer the available ones; attached ones still
    /// tell a snapshot's zone and image).
    pub volumes: Choice<Volume>,
    pub snapshots: Choice<Snapshot>,
}

impl Choices {
    /// Every list still loading.
    pub fn new() -> Self {
        Self {
            zones: RwSignal::new(None),
            images: RwSignal::new(None),
            flavors: RwSignal::new(None),
            networks: RwSignal::new(None),
            subnets: RwSignal::new(None),
            ports: RwSignal::new(None),
            keypairs: RwSignal::new(None),
            security_groups: RwSignal::new(None),
            volumes: RwSignal::new(None),
            snapshots: RwSignal::new(None),
        }
    }
}

impl Default for Choices {
    fn default() -> Self {
        Self::new()
    }
}

/// The items of a loaded list (empty while loading or failed).
pub(super) fn items<T: Clone + Send + Sync + 'static>(choice: Choice<T>) -> Vec<T> {
    choice.with(|c| match c {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    })
}

/// The wizard's state, shared with the step modules through context.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub draft: RwSignal<Draft>,
    pub choices: Choices,
    /// The request as it would be sent, and every rule it breaks.
    pub checked: Memo<(CreateServer, Vec<FieldError>)>,
    pub step: Memo<Step>,
    /// The volumes and snapshots as the creation rules read them.
    pub sources: Memo<Vec<BlockSource>>,
}

impl Wizard {
    pub(super) fn new(draft: RwSignal<Draft>, choices: Choices) -> Self {
        let sources = Memo::new(move |_| block_sources(choices));
        let checked = Memo::new(move |_| {
            draft.with(|d| {
                choices.images.with(|images| {
                    choices.flavors.with(|flavors| {
                        sources.with(|sources| {
                            let image = find(images, |i: &Image| i.id == d.image_id.trim());
                            let flavor = find(flavors, |f: &Flavor| f.id == d.flavor_id.trim());
                            let chosen = Chosen {
                                image,
                                flavor,
                                sources,
                            };
                            let server = d.to_request(chosen);
                            let errors = validate_create(&server, &chosen.context());
                            (server, errors)
                        })
                    })
                })
            })
        });
        let step = Memo::new(move |_| draft.with(|d| d.step));
        Self {
            draft,
            choices,
            checked,
            step,
            sources,
        }
    }

    /// Whether any rule is broken by a field of `step` (tracked).
    pub fn step_has_errors(self, step: Step) -> bool {
        self.checked
            .with(|(_, errors)| errors.iter().any(|e| Step::of_field(&e.field) == step))
    }

    pub fn go(self, step: Step) {
        self.draft.update(|d| d.step = step);
    }

    /// The chosen image, when the picker knows it (tracked).
    pub fn image(self) -> Option<Image> {
        let id = self.draft.with(|d| d.image_id.trim().to_string());
        self.choices
            .images
            .with(|images| find(images, |i: &Image| i.id == id).cloned())
    }

    /// The chosen flavor, when the picker knows it (tracked).
    pub fn flavor(self) -> Option<Flavor> {
        let id = self.draft.with(|d| d.flavor_id.trim().to_string());
        self.choices
            .flavors
            .with(|flavors| find(flavors, |f: &Flavor| f.id == id).cloned())
    }
}

/// Every loaded volume and snapshot as a block storage source (a snapshot with its volume's
/// zone, bootability and image).
fn block_sources(choices: Choices) -> Vec<BlockSource> {
    let volumes = items(choices.volumes);
    let snapshots = items(choices.snapshots);
    let volume = |id: Option<&str>| volumes.iter().find(|v| Some(v.id.as_str()) == id);
    volumes
        .iter()
        .map(BlockSource::from_volume)
        .chain(
            snapshots
                .iter()
                .map(|s| BlockSource::from_snapshot(s, volume(s.volume_id.as_deref()))),
        )
        .collect()
}

fn find<T>(list: &Option<Result<Vec<T>, ApiError>>, pred: impl Fn(&T) -> bool) -> Option<&T> {
    list.as_ref()?.as_ref().ok()?.iter().find(|t| pred(t))
}

pub fn expect_wizard() -> Wizard {
    expect_context::<Wizard>()
}

pub(super) fn step_title(step: Step) -> CreateMsg {
    match step {
        Step::Basics => CreateMsg::StepBasics,
        Step::Image => CreateMsg::StepImage,
        Step::Flavor => CreateMsg::StepFlavor,
        Step::Network => CreateMsg::StepNetwork,
        Step::Access => CreateMsg::StepAccess,
        Step::Advanced => CreateMsg::StepAdvanced,
        Step::Review => CreateMsg::StepReview,
    }
}
