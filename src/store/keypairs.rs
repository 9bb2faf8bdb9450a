//! The key pair writes the screens share: the key pair form sends through a [`KeypairSender`],
//! so the form itself never talks to the API.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use compute_api::keypair::{Keypair, NewKeypair};
use compute_api::request;
use compute_api::ApiError;

use crate::client::Api;

type SendFuture = Pin<Box<dyn Future<Output = Result<Keypair, ApiError>>>>;

/// Sends a create or import request and answers with the key pair the API returned.
#[derive(Clone)]
pub struct KeypairSender(Rc<dyn Fn(NewKeypair) -> SendFuture>);

impl KeypairSender {
    /// Any async function from the request to the answer (tests use a fake one).
    pub fn new<F, Fut>(send: F) -> Self
    where
        F: Fn(NewKeypair) -> Fut + 'static,
        Fut: Future<Output = Result<Keypair, ApiError>> + 'static,
    {
        Self(Rc::new(move |keypair| Box::pin(send(keypair))))
    }

    /// `POST /os-keypairs` for the signed-in session. Sent once, never retried.
    pub fn api(api: Api) -> Self {
        Self::new(move |keypair: NewKeypair| async move {
            api.fetch(&request::create_keypair(&keypair))
                .await
                .map(|envelope| envelope.keypair)
        })
    }

    pub fn send(&self, keypair: NewKeypair) -> impl Future<Output = Result<Keypair, ApiError>> {
        (self.0)(keypair)
    }
}
